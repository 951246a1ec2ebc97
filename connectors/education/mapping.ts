// School MIS attendance summaries → our school attendance records (as a pushed
// education.attendance.v1 event stores them).
import type { MisAttendanceResponse } from "./schema.ts";

export interface PulledSchoolAttendance {
  schoolUrn: string;
  schoolName: string | null;
  /** YYYY-MM-DD */
  periodStart: string;
  periodEnd: string;
  possibleSessions: number;
  attendedSessions: number;
  unauthorisedAbsenceSessions: number;
  suspensions: number;
  permanentlyExcluded: boolean;
  missingEducation: boolean;
}

/** The summaries for this UPN (others in the answer are ignored). */
export function mapMisAttendance(
  body: MisAttendanceResponse,
  upn: string,
): PulledSchoolAttendance[] {
  return body.data
    .filter((s) => s.student.upn === upn)
    .map((s) => ({
      schoolUrn: s.school.urn,
      schoolName: s.school.name ?? null,
      periodStart: s.period.from,
      periodEnd: s.period.to,
      possibleSessions: s.sessions.possible,
      attendedSessions: s.sessions.present,
      unauthorisedAbsenceSessions: s.sessions.unauthorised_absence,
      suspensions: s.suspensions,
      permanentlyExcluded: s.permanently_excluded,
      missingEducation: s.children_missing_education,
    }));
}
