// Field shapes the front door's inputs share (zod). Free text is trimmed, bounded, and an empty
// optional text counts as not given.
import { z } from "zod";
import { isCalendarDate } from "#connectors/shared/fields.ts";

export const requiredText = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

export const id = z.uuid({ error: "must be an id this hub gave out" });

export const calendarDate = z
  .string({ error: "must be a date, YYYY-MM-DD" })
  .refine(isCalendarDate, "must be a date, YYYY-MM-DD");

/** A date that has happened (a date of birth). */
export const pastDate = calendarDate.refine(
  (d) => Date.parse(`${d}T00:00:00Z`) <= Date.now(),
  "must not be in the future",
);

/**
 * An action: a code such as STRATEGY_DISCUSSION (written in any case, kept in upper case, so that
 * it meets the outcome's own actions), or a few words a manager types ("Refer mother to the
 * domestic abuse service"), kept as written.
 */
export const actionName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .refine((v) => !/[\p{Cc}\p{Cf}]/u.test(v), "must be plain text on one line")
  .transform((v) => (/^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)+$/.test(v) ? v.toUpperCase() : v));

export const nextActionInput = z.object({
  action: actionName,
  assignee: optionalText(200),
  dueBy: z
    .date({ error: "must be a date-time with a time zone" })
    .refine((d) => d.getTime() > Date.now() - 60_000, "must not be in the past")
    .nullish()
    .transform((v) => v ?? null),
});
export type NextActionInput = z.infer<typeof nextActionInput>;

/** Next actions, each named once. */
export const nextActionList = z
  .array(nextActionInput)
  .max(20, "must list at most 20 actions")
  .refine(
    (list) => new Set(list.map((a) => a.action)).size === list.length,
    "must name each action once",
  );
