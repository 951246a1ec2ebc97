// The shapes of a synthetic dataset: rows for the hub's tables (field names as in
// prisma/schema.prisma; dates as YYYY-MM-DD strings, times as ISO strings) and the agency
// event stream with the truth about who each record really is.
import type { AgencyName } from "#auth/viewer.ts";

/** The agencies the synthetic data models (an agency added later gets none until modelled). */
export type SeededAgency = Extract<
  AgencyName,
  "CPIS" | "POLICE" | "HEALTH" | "EDUCATION" | "EARLY_HELP"
>;

export interface PersonRow {
  id: string;
  isChild: boolean;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  expectedDueDate: string | null;
  postcode: string;
}

export interface IdentifierRow {
  id: string;
  personId: string;
  kind: "NHS_NUMBER" | "UPN" | "SOURCE_PERSON_ID";
  agency: AgencyName | null;
  value: string;
}

export interface HouseholdRow {
  id: string;
  sourceRef: string;
}

export interface HouseholdMemberRow {
  id: string;
  householdId: string;
  personId: string;
  relationship: "CHILD" | "PARENT" | "SIBLING";
  source: AgencyName;
}

export interface CpisPlanRow {
  id: string;
  personId: string;
  planType: "CPP" | "LAC" | "UCPP";
  status: "ACTIVE" | "ENDED";
  startDate: string;
  endDate: string | null;
  organisationOdsCode: string;
  organisationName: string;
  contactPhone: string;
  contactEmail: string;
}

export interface OtherPerson {
  role: "SUSPECT" | "VICTIM" | "WITNESS" | "PARENT";
  givenName: string;
  familyName: string;
  dateOfBirth?: string;
}

export interface PoliceNotificationRow {
  id: string;
  personId: string;
  merlinRef: string;
  occurredAt: string;
  category: string;
  riskLevel: "STANDARD" | "MEDIUM" | "HIGH";
  childPresent: boolean;
  summary: string;
  officerCollar: string;
  officerUnit: string;
  otherPersons: OtherPerson[];
}

export interface EdAttendanceRow {
  id: string;
  personId: string;
  attendanceId: string;
  siteOdsCode: string;
  arrivedAt: string;
  chiefComplaintSnomed: string | null;
  chiefComplaint: string;
  injury: boolean;
  safeguardingConcern: boolean;
  dischargeDestination: "HOME" | "ADMITTED" | "LEFT_BEFORE_TREATMENT" | "TRANSFERRED" | "OTHER";
}

export interface SchoolAttendanceRow {
  id: string;
  personId: string;
  schoolUrn: string;
  schoolName: string;
  periodStart: string;
  periodEnd: string;
  possibleSessions: number;
  attendedSessions: number;
  unauthorisedAbsenceSessions: number;
  suspensions: number;
  permanentlyExcluded: boolean;
  missingEducation: boolean;
}

export interface Professional {
  id: string;
  name: string;
  email: string;
}

export interface EarlyHelpEpisodeRow {
  id: string;
  personId: string;
  episodeId: string;
  status: "OPEN" | "CLOSED";
  openedAt: string;
  closedAt: string | null;
  familyId: string;
  leadProfessional: Professional;
  manager: Professional;
}

export interface DatasetRows {
  persons: PersonRow[];
  identifiers: IdentifierRow[];
  households: HouseholdRow[];
  householdMembers: HouseholdMemberRow[];
  cpisPlans: CpisPlanRow[];
  policeNotifications: PoliceNotificationRow[];
  edAttendances: EdAttendanceRow[];
  schoolAttendances: SchoolAttendanceRow[];
  earlyHelpEpisodes: EarlyHelpEpisodeRow[];
}

/** An agency event in the contract envelope (contract: events.md). */
export interface AgencyEvent {
  eventId: string;
  source: AgencyName;
  type: string;
  occurredAt: string;
  subject: {
    sourcePersonId: string;
    nhsNumber?: string;
    upn?: string;
    givenName: string;
    familyName: string;
    dateOfBirth: string | null;
    expectedDueDate: string | null;
    postcode?: string;
  };
  payload: Record<string, unknown>;
}

/** How an agency's record of a child differs from the truth. */
export type Variation =
  | "NICKNAME"
  | "GIVEN_NAME_TYPO"
  | "FAMILY_NAME_TYPO"
  | "SWAPPED_DAY_MONTH"
  | "MISSING_NHS_NUMBER"
  | "MOVED_POSTCODE";

/** Which true child an agency record (and each of its events) belongs to. */
export interface TruthRecord {
  source: AgencyName;
  sourcePersonId: string;
  /** The Person id of the true child in the persisted rows. */
  personId: string;
  eventIds: string[];
  variations: Variation[];
}

export interface Dataset {
  seed: number;
  /** The reference day the data is drawn around (YYYY-MM-DD). */
  asOf: string;
  /** Children in the dataset, including unborn children with an expected due date. */
  children: number;
  /** Person ids of the children, in generation order. */
  childIds: string[];
  rows: DatasetRows;
  /** Agency events for the first `eventChildren` children, in occurrence order. */
  events: AgencyEvent[];
  truth: TruthRecord[];
  leadProfessionals: Professional[];
  earlyHelpManagers: Professional[];
}
