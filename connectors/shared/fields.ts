// Field shapes shared by the event schemas of every agency (contract: events.md).
import { z } from "zod";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (so 2026-02-30 is false). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const isoDate = z
  .string({ error: "must be a date, YYYY-MM-DD" })
  .refine(isCalendarDate, "must be a date, YYYY-MM-DD");

export const isoDateTime = z.iso.datetime({
  offset: true,
  error: "must be a date-time with a time zone, e.g. 2026-11-20T21:14:00Z",
});

export const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

export const count = z
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .min(0, "must not be negative");

export const person = z.object({
  id: text(100),
  name: text(200),
  email: z.email({ error: "must be an e-mail address" }).nullish(),
});
