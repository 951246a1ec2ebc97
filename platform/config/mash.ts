// Configuration of the MASH's own rules: which RAG rule version is in force, and the decision
// timescales (front-door.md "Decision timescales"). Plain data; domain/notifications builds the
// working-time calendar from it.
import { z } from "zod";

/** The rule versions the hub has (domain/rag RULE_VERSIONS; a unit test keeps them equal). */
export const KNOWN_RULE_VERSIONS = [1, 2] as const;

export type TimescaleUnit = "m" | "h" | "d";
export interface TimescaleAmount {
  amount: number;
  unit: TimescaleUnit;
}
export type RagTimescales = Record<"RED" | "AMBER" | "GREEN", TimescaleAmount>;

const RATINGS = ["RED", "AMBER", "GREEN"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isCalendarDate = (v: string) =>
  DATE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

const timescales = z
  .string()
  .trim()
  .transform((v, ctx): RagTimescales | undefined => {
    if (v === "") return undefined;
    const out: Partial<RagTimescales> = {};
    for (const part of v.split(",")) {
      const m = /^\s*(RED|AMBER|GREEN)\s*=\s*(\d+(?:\.\d+)?)\s*([mhd])\s*$/i.exec(part);
      if (!m) {
        ctx.addIssue({
          code: "custom",
          message: `must be RATING=amount with m, h or d, e.g. RED=4h,AMBER=7h,GREEN=24h ("${part.trim()}" is not)`,
        });
        return z.NEVER;
      }
      const rag = (m[1] as string).toUpperCase() as (typeof RATINGS)[number];
      const amount = Number(m[2]);
      if (amount <= 0 || rag in out) {
        ctx.addIssue({
          code: "custom",
          message: `gives ${rag} ${amount <= 0 ? "no time" : "twice"}`,
        });
        return z.NEVER;
      }
      out[rag] = { amount, unit: (m[3] as string).toLowerCase() as TimescaleUnit };
    }
    const missing = RATINGS.filter((r) => !(r in out));
    if (missing.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `must give every rating (missing ${missing.join(", ")})`,
      });
      return z.NEVER;
    }
    return out as RagTimescales;
  })
  .optional();

const workingHours = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(v);
    const minutes = m ? [Number(m[1]) * 60 + Number(m[2]), Number(m[3]) * 60 + Number(m[4])] : [];
    const [start, end] = minutes as [number, number];
    if (!m || Number(m[2]) > 59 || Number(m[4]) > 59 || end > 24 * 60 || start >= end) {
      ctx.addIssue({
        code: "custom",
        message: "must be HH:MM-HH:MM with the start before the end, e.g. 09:00-17:00",
      });
      return z.NEVER;
    }
    return { startMinute: start, endMinute: end };
  });

const dateList = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const days = v === "" ? [] : v.split(",").map((d) => d.trim());
    const bad = days.find((d) => !isCalendarDate(d));
    if (bad !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: `must be dates YYYY-MM-DD separated by commas ("${bad}" is not)`,
      });
      return z.NEVER;
    }
    return days;
  });

export const mashSchema = z.object({
  RAG_RULE_VERSION: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .refine((v) => (KNOWN_RULE_VERSIONS as readonly number[]).includes(v), {
      message: `must be one of the rule versions the hub has: ${KNOWN_RULE_VERSIONS.join(", ")}`,
    })
    .default(2),
  MASH_TIMESCALES: timescales,
  MASH_TIMESCALE_CLOCK: z
    .enum(["clock", "working"], { error: "must be clock or working" })
    .optional(),
  MASH_WORKING_HOURS: workingHours.default({ startMinute: 9 * 60, endMinute: 17 * 60 }),
  MASH_EXTRA_BANK_HOLIDAYS: dateList.default([]),
  /** How often a hub looks for contacts past their dueBy (each is alerted once, by one hub). */
  MASH_OVERDUE_POLL_MS: z.coerce.number().int().positive().default(60_000),
});

export interface MashConfig {
  ruleVersion: number;
  /** The partnership's timescales; undefined: version 1's (RED 4 hours, others one working day). */
  timescales: RagTimescales | undefined;
  clock: "clock" | "working";
  workingHours: { startMinute: number; endMinute: number };
  extraBankHolidays: string[];
  overduePollMs: number;
}

/** Problems that involve two variables (one line each, naming the variable). */
export function mashProblems(e: z.infer<typeof mashSchema>): string[] {
  return e.MASH_TIMESCALE_CLOCK !== undefined && e.MASH_TIMESCALES === undefined
    ? [
        "Invalid configuration: MASH_TIMESCALE_CLOCK is set without MASH_TIMESCALES (the default timescales are RED 4 clock hours and one working day)",
      ]
    : [];
}

export function mashConfig(e: z.infer<typeof mashSchema>): MashConfig {
  return {
    ruleVersion: e.RAG_RULE_VERSION,
    timescales: e.MASH_TIMESCALES,
    clock: e.MASH_TIMESCALE_CLOCK ?? "working",
    workingHours: e.MASH_WORKING_HOURS,
    extraBankHolidays: e.MASH_EXTRA_BANK_HOLIDAYS,
    overduePollMs: e.MASH_OVERDUE_POLL_MS,
  };
}
