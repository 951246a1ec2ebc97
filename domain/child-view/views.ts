// What the child-view service returns: plain objects, each carrying `childId` (the person id of
// the child it is about) so that the access policy can decide consent per child.
import type { AgencyName } from "#auth/viewer.ts";

export interface ChildView {
  id: string;
  childId: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: Date | null;
  expectedDueDate: Date | null;
  postcode: string | null;
}

export interface AgencyIdentifierView {
  childId: string;
  agency: AgencyName;
  kind: string;
  value: string;
}

export interface HouseholdMemberView {
  childId: string;
  personId: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: Date | null;
  relationship: string;
  /**
   * Set when the member is a child known to the hub: the member's fields are about that child
   * too, so they are disclosed only as far as the caller may open it, and on its access log.
   */
  memberChildId: string | undefined;
}

export interface CpisStatusView {
  childId: string;
  planType: string;
  status: string;
  startDate: Date;
  endDate: Date | null;
  responsibleOrganisation: string;
  contactPhone: string | null;
}

export interface PoliceOtherPersonView {
  childId: string;
  role: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
}

export interface PoliceNotificationView {
  childId: string;
  id: string;
  merlinRef: string;
  occurredAt: Date;
  category: string;
  riskLevel: string;
  childPresent: boolean;
  summary: string | null;
  officer: string | null;
  otherPersons: PoliceOtherPersonView[];
}

export interface HospitalAttendanceView {
  childId: string;
  id: string;
  arrivedAt: Date;
  site: string | null;
  chiefComplaint: string | null;
  injury: boolean;
  safeguardingConcern: boolean;
  dischargeDestination: string | null;
}

export interface AttendancePatternView {
  childId: string;
  attendancesLast12Months: number;
  injuryAttendancesLast12Months: number;
  lastSixAttendancesConcern: boolean;
  reasons: string[];
}

export interface SchoolAttendanceView {
  childId: string;
  schoolName: string | null;
  periodStart: Date;
  periodEnd: Date;
  attendanceRate: number;
  persistentAbsence: boolean;
  severeAbsence: boolean;
  missingEducation: boolean;
  permanentlyExcluded: boolean;
  possibleSessions: number;
  attendedSessions: number;
  unauthorisedAbsenceSessions: number;
  suspensions: number;
}

export interface EarlyHelpEpisodeView {
  childId: string;
  episodeId: string;
  status: string;
  openedAt: Date;
  leadProfessional: string | null;
  earlyHelpManager: string | null;
}

export interface SourceStatusView {
  childId: string;
  agency: AgencyName;
  ok: boolean;
  asOf: Date | null;
  error: string | null;
}

export const AGENCIES: readonly AgencyName[] = [
  "CPIS",
  "POLICE",
  "HEALTH",
  "EDUCATION",
  "EARLY_HELP",
];
