// The school MIS attendance summary API (the format the education simulator speaks, modelled on
// the summaries school MIS vendors expose to local authorities): per pupil and school, the
// sessions possible, present and absent in a period, suspensions, exclusion and CME status.
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");
const count = z.number().int().nonnegative();

export const misAttendanceSummary = z
  .object({
    student: z.object({ upn: z.string(), mis_id: z.string().optional() }),
    school: z.object({ urn: z.string(), name: z.string().nullable().optional() }),
    period: z.object({ from: isoDate, to: isoDate }),
    sessions: z.object({
      possible: count,
      present: count,
      authorised_absence: count,
      unauthorised_absence: count,
    }),
    suspensions: count,
    permanently_excluded: z.boolean(),
    children_missing_education: z.boolean(),
  })
  .refine((s) => s.sessions.present <= s.sessions.possible, {
    message: "present sessions exceed possible sessions",
    path: ["sessions", "present"],
  })
  .refine((s) => s.period.from <= s.period.to, {
    message: "period ends before it starts",
    path: ["period", "to"],
  });

export const misAttendanceResponse = z.object({
  data: z.array(misAttendanceSummary),
  meta: z.object({ generated_at: z.string() }).optional(),
});

export type MisAttendanceSummary = z.infer<typeof misAttendanceSummary>;
export type MisAttendanceResponse = z.infer<typeof misAttendanceResponse>;
