// Emergency department attendances pushed on agency.health.v1 (contract: events.md).
import { z } from "zod";
import { isoDateTime, text } from "../shared/fields.ts";

export const HEALTH_EVENT_TYPE = "health.ed-attendance.v1";

export const edAttendancePayload = z.object({
  attendanceId: text(100),
  siteOdsCode: text(20),
  arrivedAt: isoDateTime,
  chiefComplaintSnomed: z
    .string()
    .regex(/^\d{6,18}$/, "must be a SNOMED CT concept id (6 to 18 digits)")
    .nullish(),
  chiefComplaint: z.string().trim().max(500).nullish(),
  injury: z.boolean(),
  safeguardingConcern: z.boolean(),
  dischargeDestination: z
    .enum(["HOME", "ADMITTED", "LEFT_BEFORE_TREATMENT", "TRANSFERRED", "OTHER"])
    .nullish(),
});

export type EdAttendancePayload = z.infer<typeof edAttendancePayload>;
