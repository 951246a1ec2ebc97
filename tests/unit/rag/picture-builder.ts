// Builds rule-engine pictures for tests: an empty child plus the records a case needs.
import type {
  ChildPicture,
  CpisPlanFact,
  EarlyHelpFact,
  EdAttendanceFact,
  HouseholdPlanFact,
  PoliceFact,
  ReferralFact,
  SchoolAttendanceFact,
} from "#rag/index.ts";

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}`;

export const AS_OF = new Date("2026-11-20T21:14:00Z");
export const daysAgo = (days: number, from = AS_OF) => new Date(from.getTime() - days * 86_400_000);

export const emptyPicture = (over: Partial<ChildPicture> = {}): ChildPicture => ({
  dateOfBirth: new Date("2015-03-02T00:00:00Z"),
  cpisPlans: [],
  police: [],
  edAttendances: [],
  schoolAttendances: [],
  earlyHelpEpisodes: [],
  ...over,
});

export const police = (over: Partial<PoliceFact> = {}): PoliceFact => ({
  id: nextId("police"),
  occurredAt: AS_OF,
  category: "OTHER",
  riskLevel: "STANDARD",
  childPresent: false,
  ...over,
});

export const ed = (over: Partial<EdAttendanceFact> = {}): EdAttendanceFact => ({
  id: nextId("ed"),
  arrivedAt: AS_OF,
  injury: false,
  safeguardingConcern: false,
  ...over,
});

export const school = (over: Partial<SchoolAttendanceFact> = {}): SchoolAttendanceFact => ({
  id: nextId("school"),
  periodStart: new Date("2026-09-01T00:00:00Z"),
  periodEnd: new Date("2026-10-31T00:00:00Z"),
  possibleSessions: 1000,
  attendedSessions: 1000,
  missingEducation: false,
  permanentlyExcluded: false,
  ...over,
});

export const plan = (over: Partial<CpisPlanFact> = {}): CpisPlanFact => ({
  id: nextId("cpis"),
  planType: "CPP",
  status: "ACTIVE",
  ...over,
});

export const earlyHelp = (over: Partial<EarlyHelpFact> = {}): EarlyHelpFact => ({
  id: nextId("eh"),
  status: "OPEN",
  openedAt: daysAgo(200),
  ...over,
});

export const householdPlan = (over: Partial<HouseholdPlanFact> = {}): HouseholdPlanFact => ({
  id: nextId("sibling-cpis"),
  personId: "sibling-1",
  planType: "CPP",
  status: "ACTIVE",
  ...over,
});

export const referral = (over: Partial<ReferralFact> = {}): ReferralFact => ({
  id: nextId("referral"),
  receivedAt: AS_OF,
  kind: "REFERRAL",
  immediateRisk: false,
  ...over,
});

/** A date of birth that makes the child `years` old (and `days` more) on AS_OF. */
export const bornYearsAgo = (years: number, days = 0) => {
  const d = new Date(AS_OF.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return new Date(d.getTime() - days * 86_400_000);
};
