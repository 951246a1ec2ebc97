// Agency events for the demo day, in the contract's envelope (events.md). Ids are fixed, so
// loading the day twice stores each event once.
import { makeNhsNumber } from "#seed/identifiers.ts";

export interface DemoChild {
  key: string;
  givenName: string;
  familyName: string;
  dateOfBirth?: string;
  expectedDueDate?: string;
  postcode: string;
  nhsNumber?: string;
}

const hoursAgo = (h: number, now: number) => new Date(now - h * 3_600_000).toISOString();
const daysAgoDate = (d: number, now: number) =>
  new Date(now - d * 86_400_000).toISOString().slice(0, 10);

export const child = (
  key: string,
  n: number,
  c: Omit<DemoChild, "key" | "nhsNumber">,
  nhs = true,
): DemoChild => ({
  key,
  ...c,
  ...(nhs ? { nhsNumber: makeNhsNumber(800_000 + n) } : {}),
});

function subject(c: DemoChild, sourcePersonId: string) {
  return {
    sourcePersonId,
    ...(c.nhsNumber ? { nhsNumber: c.nhsNumber } : {}),
    givenName: c.givenName,
    familyName: c.familyName,
    ...(c.dateOfBirth ? { dateOfBirth: c.dateOfBirth } : {}),
    ...(c.expectedDueDate ? { expectedDueDate: c.expectedDueDate } : {}),
    postcode: c.postcode,
  };
}

export function police(
  c: DemoChild,
  id: string,
  now: number,
  p: {
    category: string;
    riskLevel: "STANDARD" | "MEDIUM" | "HIGH";
    childPresent: boolean;
    hoursAgo: number;
    summary: string;
  },
) {
  return {
    eventId: `demo-police-${id}`,
    source: "POLICE",
    type: "police.merlin.v1",
    occurredAt: hoursAgo(p.hoursAgo, now),
    subject: subject(c, `MERLIN-${c.key}`),
    payload: {
      merlinRef: `MER-DEMO-${id}`,
      category: p.category,
      riskLevel: p.riskLevel,
      childPresent: p.childPresent,
      summary: p.summary,
      officer: { collarNumber: "4471CE", unit: "CAIT" },
      otherPersons: [],
    },
  };
}

export function health(
  c: DemoChild,
  id: string,
  now: number,
  h: { hoursAgo: number; complaint: string; injury: boolean; safeguardingConcern: boolean },
) {
  return {
    eventId: `demo-ed-${id}`,
    source: "HEALTH",
    type: "health.ed-attendance.v1",
    occurredAt: hoursAgo(h.hoursAgo, now),
    subject: subject(c, `RXX-${c.key}`),
    payload: {
      attendanceId: `RXX-ED-${id}`,
      siteOdsCode: "R1H12",
      arrivedAt: hoursAgo(h.hoursAgo, now),
      chiefComplaint: h.complaint,
      injury: h.injury,
      safeguardingConcern: h.safeguardingConcern,
      dischargeDestination: "HOME",
    },
  };
}

export function cpis(
  c: DemoChild,
  id: string,
  now: number,
  planType: "CPP" | "LAC" | "UCPP",
  startedDaysAgo: number,
) {
  return {
    eventId: `demo-cpis-${id}`,
    source: "CPIS",
    type: "cpis.plan.v1",
    occurredAt: hoursAgo(startedDaysAgo * 24, now),
    subject: subject(c, `CPIS-${c.key}`),
    payload: {
      planType,
      status: "ACTIVE",
      startDate: daysAgoDate(startedDaysAgo, now),
      endDate: null,
      responsibleOrganisation: { odsCode: "E09000030", name: "Tower Hamlets" },
      contact: { phone: "020 7364 5601", email: "mash@towerhamlets.example" },
    },
  };
}

export function education(
  c: DemoChild,
  id: string,
  now: number,
  e: { possible: number; attended: number; missingEducation: boolean },
) {
  return {
    eventId: `demo-edu-${id}`,
    source: "EDUCATION",
    type: "education.attendance.v1",
    occurredAt: hoursAgo(30, now),
    subject: subject(c, `SIMS-${c.key}`),
    payload: {
      schoolUrn: "100000",
      schoolName: "Stepney Green Primary",
      periodStart: daysAgoDate(80, now),
      periodEnd: daysAgoDate(2, now),
      possibleSessions: e.possible,
      attendedSessions: e.attended,
      unauthorisedAbsenceSessions: e.possible - e.attended,
      suspensions: 0,
      permanentlyExcluded: false,
      missingEducation: e.missingEducation,
    },
  };
}

export function earlyHelp(
  c: DemoChild,
  id: string,
  now: number,
  people: {
    lead: { id: string; name: string; email: string };
    manager: { id: string; name: string; email: string };
  },
) {
  return {
    eventId: `demo-eh-${id}`,
    source: "EARLY_HELP",
    type: "earlyhelp.episode.v1",
    occurredAt: hoursAgo(24 * 40, now),
    subject: subject(c, `EHM-${c.key}`),
    payload: {
      episodeId: `EP-DEMO-${id}`,
      status: "OPEN",
      openedAt: hoursAgo(24 * 40, now),
      closedAt: null,
      familyId: `FAM-DEMO-${id}`,
      leadProfessional: people.lead,
      earlyHelpManager: people.manager,
    },
  };
}
