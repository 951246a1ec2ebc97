// Pulls school attendance by UPN: GET [base]/v1/attendance-summaries?upn=<UPN>.
import type { CircuitBreaker } from "../shared/circuit-breaker.ts";
import { createPullClient, type PullClientOptions } from "../shared/pull-client.ts";
import { misAttendanceResponse } from "./schema.ts";
import { mapMisAttendance, type PulledSchoolAttendance } from "./mapping.ts";

export interface EducationClient {
  attendanceFor(upn: string): Promise<PulledSchoolAttendance[]>;
  breaker: CircuitBreaker;
}

export type EducationClientOptions = PullClientOptions;

export function createEducationClient(options: EducationClientOptions): EducationClient {
  const client = createPullClient(options, {
    agency: "Education",
    path: (upn) => `/v1/attendance-summaries?upn=${encodeURIComponent(upn)}`,
    parse: (body, upn) => {
      const parsed = misAttendanceResponse.safeParse(body);
      return parsed.success ? mapMisAttendance(parsed.data, upn) : undefined;
    },
    badResponse: "Education answer does not match the MIS format",
  });
  return { attendanceFor: client.pull, breaker: client.breaker };
}
