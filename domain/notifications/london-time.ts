// Wall-clock time in Europe/London, by Intl (so British Summer Time comes from the platform's
// time zone data, never from a hand-written rule), and the working calendar of a partnership:
// Monday to Friday, without bank holidays, between its working hours.
export const ZONE = "Europe/London";

const FORMAT = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  weekday: "short",
});

export interface LocalTime {
  /** YYYY-MM-DD in London. */
  date: string;
  /** Milliseconds since London midnight of that date (on the wall clock). */
  msOfDay: number;
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function toLondon(at: Date): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of FORMAT.formatToParts(at)) parts[p.type] = p.value;
  const ms = at.getTime() % 1000;
  return {
    date: `${parts["year"]}-${parts["month"]}-${parts["day"]}`,
    msOfDay:
      ((Number(parts["hour"]) * 60 + Number(parts["minute"])) * 60 + Number(parts["second"])) *
        1000 +
      (ms < 0 ? ms + 1000 : ms),
    weekday: WEEKDAYS.indexOf(parts["weekday"] ?? ""),
  };
}

/** London's offset from UTC at an instant, in ms (0 in winter, 3,600,000 in summer time). */
function offsetAt(at: number): number {
  const l = toLondon(new Date(at));
  const wall = Date.parse(`${l.date}T00:00:00Z`) + l.msOfDay;
  return wall - at;
}

/**
 * The instant London's wall clock shows `msOfDay` on `date`. A time shown twice (01:00 to 02:00
 * on the last Sunday of October) is its first showing; a time the clocks skip (01:00 to 02:00 on
 * the last Sunday of March) never shows, and the instant an hour before it is given.
 */
export function fromLondon(date: string, msOfDay: number): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + msOfDay;
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  // the earlier of the two readings that show the asked wall time, else the first guess
  for (const candidate of [Math.min(first, second), Math.max(first, second)]) {
    if (candidate + offsetAt(candidate) === wall) return new Date(candidate);
  }
  return new Date(first);
}

export const nextDate = (date: string, days = 1): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

export interface WorkingCalendar {
  /** Working hours on a working day, minutes after London midnight. */
  startMinute: number;
  endMinute: number;
  holidays: ReadonlySet<string>;
}

export const isWorkingDay = (cal: WorkingCalendar, date: string): boolean => {
  const d = weekdayOf(date);
  return d !== 0 && d !== 6 && !cal.holidays.has(date);
};

/** The first working day after `date`. */
export function nextWorkingDay(cal: WorkingCalendar, date: string): string {
  let d = nextDate(date);
  for (let i = 0; !isWorkingDay(cal, d); i++) {
    if (i > 366) throw new Error("no working day within a year");
    d = nextDate(d);
  }
  return d;
}

/** `minutes` of working time after `from` (time outside working hours does not count). */
export function addWorkingMinutes(cal: WorkingCalendar, from: Date, minutes: number): Date {
  let remaining = minutes * 60_000;
  let t = from.getTime();
  let date = toLondon(from).date;
  for (let i = 0; i < 3660; i++) {
    if (isWorkingDay(cal, date)) {
      const open = fromLondon(date, cal.startMinute * 60_000).getTime();
      const close = fromLondon(date, cal.endMinute * 60_000).getTime();
      if (t < open) t = open;
      if (t < close) {
        if (remaining <= close - t) return new Date(t + remaining);
        remaining -= close - t;
      }
    }
    date = nextDate(date);
    t = fromLondon(date, 0).getTime();
  }
  throw new Error("working time beyond ten years");
}
