// School attendance returns pushed on agency.education.v1 (contract: events.md).
import { z } from "zod";
import { count, isoDate } from "../shared/fields.ts";

export const EDUCATION_EVENT_TYPE = "education.attendance.v1";

export const schoolAttendancePayload = z
  .object({
    schoolUrn: z.string().regex(/^\d{6}$/, "must be a 6-digit school URN"),
    schoolName: z.string().trim().max(200).nullish(),
    periodStart: isoDate,
    periodEnd: isoDate,
    possibleSessions: count,
    attendedSessions: count,
    unauthorisedAbsenceSessions: count,
    suspensions: count,
    permanentlyExcluded: z.boolean(),
    missingEducation: z.boolean(),
  })
  .superRefine((p, ctx) => {
    if (p.periodEnd < p.periodStart) {
      ctx.addIssue({
        code: "custom",
        path: ["periodEnd"],
        message: "must not be before periodStart",
      });
    }
    if (p.attendedSessions > p.possibleSessions) {
      ctx.addIssue({
        code: "custom",
        path: ["attendedSessions"],
        message: `${p.attendedSessions} attended is more than the ${p.possibleSessions} possible sessions`,
      });
    } else if (p.attendedSessions + p.unauthorisedAbsenceSessions > p.possibleSessions) {
      ctx.addIssue({
        code: "custom",
        path: ["unauthorisedAbsenceSessions"],
        message: "attended plus unauthorised absence is more than the possible sessions",
      });
    }
  });

export type SchoolAttendancePayload = z.infer<typeof schoolAttendancePayload>;
