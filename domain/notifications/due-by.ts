// When a decision on a contact is due (front-door.md "Decision timescales"). By default version
// 1's: RED 4 clock hours after creation; AMBER and GREEN one working day, i.e. the same London
// time on the next working day. A partnership sets its own (MASH_TIMESCALES), counted in clock
// hours or in working hours (MASH_TIMESCALE_CLOCK, working by default) within its working hours
// (MASH_WORKING_HOURS) on working days: Monday to Friday in Europe/London without the bank
// holidays of England and Wales (shipped) and any the partnership adds.
import type { MashConfig } from "#config/index.ts";
import type { Rag } from "#rag/index.ts";
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from "./bank-holidays.ts";
import {
  addWorkingMinutes,
  fromLondon,
  nextWorkingDay,
  toLondon,
  type WorkingCalendar,
} from "./london-time.ts";

export type Timescale =
  | { kind: "CLOCK"; minutes: number }
  | { kind: "WORKING"; minutes: number }
  | { kind: "NEXT_WORKING_DAY" };

export interface Timescales {
  byRag: Record<Rag, Timescale>;
  calendar: WorkingCalendar;
}

export function workingCalendar(
  hours: { startMinute: number; endMinute: number } = { startMinute: 540, endMinute: 1020 },
  extraHolidays: readonly string[] = [],
): WorkingCalendar {
  return {
    ...hours,
    holidays: new Set([...ENGLAND_AND_WALES_BANK_HOLIDAYS.map(([d]) => d), ...extraHolidays]),
  };
}

/** Version 1's timescales, in London working days with the shipped bank holidays. */
export const DEFAULT_TIMESCALES: Timescales = {
  byRag: {
    RED: { kind: "CLOCK", minutes: 4 * 60 },
    AMBER: { kind: "NEXT_WORKING_DAY" },
    GREEN: { kind: "NEXT_WORKING_DAY" },
  },
  calendar: workingCalendar(),
};

/** The timescales configured (platform/config MashConfig). */
export function timescalesFrom(config: MashConfig): Timescales {
  const calendar = workingCalendar(config.workingHours, config.extraBankHolidays);
  if (!config.timescales) return { byRag: DEFAULT_TIMESCALES.byRag, calendar };
  const dayMinutes =
    config.clock === "clock"
      ? 24 * 60
      : config.workingHours.endMinute - config.workingHours.startMinute;
  const one = (rag: Rag): Timescale => {
    const { amount, unit } = (config.timescales as NonNullable<MashConfig["timescales"]>)[rag];
    const minutes = Math.round(amount * (unit === "m" ? 1 : unit === "h" ? 60 : dayMinutes));
    return { kind: config.clock === "clock" ? "CLOCK" : "WORKING", minutes };
  };
  return { byRag: { RED: one("RED"), AMBER: one("AMBER"), GREEN: one("GREEN") }, calendar };
}

export function dueBy(
  rag: Rag,
  createdAt: Date,
  timescales: Timescales = DEFAULT_TIMESCALES,
): Date {
  const t = timescales.byRag[rag];
  switch (t.kind) {
    case "CLOCK":
      return new Date(createdAt.getTime() + t.minutes * 60_000);
    case "WORKING":
      return addWorkingMinutes(timescales.calendar, createdAt, t.minutes);
    case "NEXT_WORKING_DAY": {
      const local = toLondon(createdAt);
      return fromLondon(nextWorkingDay(timescales.calendar, local.date), local.msOfDay);
    }
    default: {
      const never: never = t;
      return never;
    }
  }
}
