// Education: school attendance returns, pushed on agency.education.v1 and pulled on demand by
// UPN from the school MIS summary API, both stored by the one SchoolAttendance writer.
import type { AgencyAdapter } from "../shared/adapter.ts";
import {
  EDUCATION_EVENT_TYPE,
  schoolAttendancePayload,
  type SchoolAttendancePayload,
} from "./event-schema.ts";
import { createEducationClient, type EducationClient } from "./client.ts";
import type { PulledSchoolAttendance } from "./mapping.ts";
import { storePulledAttendance, pushedAttendanceRow } from "./store.ts";

export const education = {
  source: "EDUCATION",
  topic: "agency.education.v1",
  eventType: EDUCATION_EVENT_TYPE,
  payload: schoolAttendancePayload,
  tables: [{ name: "SchoolAttendance", personKey: ["schoolUrn", "periodStart", "periodEnd"] }],
  row: pushedAttendanceRow,
  pull: { createClient: createEducationClient, store: storePulledAttendance },
} as const satisfies AgencyAdapter<
  SchoolAttendancePayload,
  PulledSchoolAttendance,
  EducationClient
>;
