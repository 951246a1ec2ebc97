// Working days for the MASH (front-door.md "Decision timescales"): Monday to Friday in
// Europe/London, without the bank holidays of England and Wales. The regular holidays are
// computed for any year (New Year's Day, Good Friday, Easter Monday, the early May, spring and
// summer bank holidays, Christmas Day and Boxing Day, with their substitute days); the one-off
// ones the government has proclaimed are listed. Pure.

/** One-off bank holidays of England and Wales (and moved ones, which replace the regular day). */
const PROCLAIMED: Record<string, { add: string[]; remove: string[] }> = {
  "2020": { add: ["2020-05-08"], remove: ["2020-05-04"] }, // VE day moved the early May holiday
  "2022": { add: ["2022-06-02", "2022-06-03", "2022-09-19"], remove: ["2022-05-30"] },
  "2023": { add: ["2023-05-08"], remove: [] }, // the coronation
};

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/** Easter Sunday (Gregorian), by the anonymous algorithm. */
function easterSunday(y: number): Date {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return day(y, month, dayOfMonth);
}

const firstMonday = (y: number, m: number) => {
  let d = day(y, m, 1);
  while (d.getUTCDay() !== 1) d = addDays(d, 1);
  return d;
};
const lastMonday = (y: number, m: number) => {
  let d = addDays(day(y, m + 1, 1), -1);
  while (d.getUTCDay() !== 1) d = addDays(d, -1);
  return d;
};
const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

const cache = new Map<number, Set<string>>();

/** The bank holidays of England and Wales in a year, as YYYY-MM-DD. */
export function bankHolidays(y: number): Set<string> {
  const hit = cache.get(y);
  if (hit) return hit;
  const easter = easterSunday(y);
  const days: Date[] = [addDays(easter, -2), addDays(easter, 1)];
  // New Year's Day, or the next Monday when it falls at a weekend
  let newYear = day(y, 1, 1);
  while (isWeekend(newYear)) newYear = addDays(newYear, 1);
  days.push(newYear, firstMonday(y, 5), lastMonday(y, 5), lastMonday(y, 8));
  // Christmas and Boxing Day, each moved to the next free weekday when at a weekend
  const christmas = day(y, 12, 25);
  const taken = new Set<string>();
  for (const d of [christmas, addDays(christmas, 1)]) {
    let x = d;
    while (isWeekend(x) || taken.has(iso(x))) x = addDays(x, 1);
    taken.add(iso(x));
    days.push(x);
  }
  const set = new Set(days.map(iso));
  const extra = PROCLAIMED[String(y)];
  for (const r of extra?.remove ?? []) set.delete(r);
  for (const a of extra?.add ?? []) set.add(a);
  cache.set(y, set);
  return set;
}

const londonDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date (YYYY-MM-DD) of an instant in Europe/London. */
export function londonDay(at: Date): string {
  return londonDate.format(at);
}

/** Whether a calendar date (YYYY-MM-DD) is a working day. */
export function isWorkingDay(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !isWeekend(d) && !bankHolidays(d.getUTCFullYear()).has(date);
}

/** The first working day after a calendar date. */
export function nextWorkingDay(date: string): string {
  let d = addDays(new Date(`${date}T00:00:00Z`), 1);
  while (!isWorkingDay(iso(d))) d = addDays(d, 1);
  return iso(d);
}

/** The instant a calendar date begins in Europe/London (00:00 local time). */
export function londonMidnight(date: string): Date {
  const utc = new Date(`${date}T00:00:00Z`);
  // London is UTC or UTC+1: whichever offset gives back the same local date at 00:00
  for (const offsetHours of [0, 1]) {
    const candidate = new Date(utc.getTime() - offsetHours * 3_600_000);
    const hour = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/London",
      hour: "2-digit",
      hourCycle: "h23",
    }).format(candidate);
    if (londonDay(candidate) === date && hour === "00") return candidate;
  }
  return utc;
}

/** The calendar date after this one. */
export const dayAfter = (date: string): string => iso(addDays(new Date(`${date}T00:00:00Z`), 1));
