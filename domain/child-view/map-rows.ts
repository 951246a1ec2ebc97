// Prisma rows → the child-view objects (the only place those rows are read field by field).
import type {
  CpisPlan,
  EarlyHelpEpisode,
  EdAttendance,
  Person,
  PersonIdentifier,
  PoliceNotification,
  SchoolAttendance,
} from "#db/generated/client.ts";
import type { AgencyName } from "#auth/viewer.ts";
import { schoolFlags } from "./derived.ts";
import type {
  AgencyIdentifierView,
  ChildView,
  CpisStatusView,
  EarlyHelpEpisodeView,
  HospitalAttendanceView,
  PoliceNotificationView,
  PoliceOtherPersonView,
  SchoolAttendanceView,
} from "./views.ts";

export function mapChild(p: Person): ChildView {
  return {
    id: p.id,
    childId: p.id,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    expectedDueDate: p.expectedDueDate,
    postcode: p.postcode,
  };
}

const IDENTIFIER_AGENCY: Record<string, AgencyName> = { NHS_NUMBER: "HEALTH", UPN: "EDUCATION" };

export function mapIdentifier(i: PersonIdentifier): AgencyIdentifierView | undefined {
  const agency = i.agency ?? IDENTIFIER_AGENCY[i.kind];
  if (!agency) return undefined;
  return { childId: i.personId, agency, kind: i.kind, value: i.value };
}

export function mapCpisPlan(p: CpisPlan): CpisStatusView {
  return {
    childId: p.personId,
    planType: p.planType,
    status: p.status,
    startDate: p.startDate,
    endDate: p.endDate,
    responsibleOrganisation: p.organisationName,
    contactPhone: p.contactPhone,
  };
}

function otherPersons(childId: string, json: unknown): PoliceOtherPersonView[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((o: unknown) => {
    if (!o || typeof o !== "object") return [];
    const r = o as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === "string" ? v : null);
    return [
      {
        childId,
        role: str(r["role"]) ?? "OTHER",
        givenName: str(r["givenName"]),
        familyName: str(r["familyName"]),
        dateOfBirth: str(r["dateOfBirth"]),
      },
    ];
  });
}

export function mapPoliceNotification(n: PoliceNotification): PoliceNotificationView {
  const officer = [n.officerCollar, n.officerUnit && `(${n.officerUnit})`]
    .filter(Boolean)
    .join(" ");
  return {
    childId: n.personId,
    id: n.id,
    merlinRef: n.merlinRef,
    occurredAt: n.occurredAt,
    category: n.category,
    riskLevel: n.riskLevel,
    childPresent: n.childPresent,
    summary: n.summary,
    officer: officer === "" ? null : officer,
    otherPersons: otherPersons(n.personId, n.otherPersons),
  };
}

export function mapEdAttendance(a: EdAttendance): HospitalAttendanceView {
  return {
    childId: a.personId,
    id: a.id,
    arrivedAt: a.arrivedAt,
    site: a.siteOdsCode,
    chiefComplaint: a.chiefComplaint,
    injury: a.injury,
    safeguardingConcern: a.safeguardingConcern,
    dischargeDestination: a.dischargeDestination,
  };
}

export function mapSchoolAttendance(s: SchoolAttendance): SchoolAttendanceView {
  return {
    childId: s.personId,
    schoolName: s.schoolName,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    ...schoolFlags(s),
    missingEducation: s.missingEducation,
    permanentlyExcluded: s.permanentlyExcluded,
    possibleSessions: s.possibleSessions,
    attendedSessions: s.attendedSessions,
    unauthorisedAbsenceSessions: s.unauthorisedAbsenceSessions,
    suspensions: s.suspensions,
  };
}

export function mapEarlyHelp(e: EarlyHelpEpisode): EarlyHelpEpisodeView {
  return {
    childId: e.personId,
    episodeId: e.episodeId,
    status: e.status,
    openedAt: e.openedAt,
    leadProfessional: e.leadProfessionalName,
    earlyHelpManager: e.managerName,
  };
}
