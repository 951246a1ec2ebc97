// What the front door returns: plain objects, each carrying `childId` (the child it is about) so
// that the access policy decides it per child, and `madeBy` where the early help user who made
// the record may read its REFERRAL_DETAIL (access/record-facts.ts). Rows never leave this module.
import type { AccessCategory } from "#access/categories.ts";
import type { Rag } from "#rag/index.ts";

export const REFERRER_ROLES = [
  "POLICE",
  "HEALTH",
  "SCHOOL",
  "EARLY_HELP",
  "SOCIAL_CARE",
  "PROBATION",
  "HOUSING",
  "VOLUNTARY_SECTOR",
  "FAMILY_MEMBER",
  "PUBLIC",
  "SELF",
  "OTHER",
] as const;
export type ReferrerRole = (typeof REFERRER_ROLES)[number];

export const REFERRAL_CONSENTS = ["GIVEN", "REFUSED", "NOT_SOUGHT"] as const;
export type ReferralConsent = (typeof REFERRAL_CONSENTS)[number];

export const OUTCOMES = [
  "NO_FURTHER_ACTION",
  "ADVICE_AND_SIGNPOSTING",
  "EARLY_HELP",
  "SINGLE_AGENCY",
  "CHILD_IN_NEED_ASSESSMENT",
  "STRATEGY_DISCUSSION",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ValidationIssue {
  path: string;
  message: string;
}

export interface ReferralResult {
  accepted: boolean;
  notificationId: string | null;
  missing: ValidationIssue[];
}

interface AboutChild {
  childId: string;
}
interface MadeBy {
  /** The user (token sub) who made the record. */
  madeBy: string;
}

export interface ReferrerView extends AboutChild {
  name: string;
  role: ReferrerRole;
  organisation: string | null;
  email: string | null;
  phone: string | null;
}

export interface FamilyMemberView extends AboutChild, MadeBy {
  givenName: string;
  familyName: string;
  dateOfBirth: Date | null;
  relationship: string;
  livesWithChild: boolean;
}

export interface ReferralView extends AboutChild, MadeBy {
  id: string;
  receivedAt: Date;
  referrer: ReferrerView;
  concerns: string;
  immediateRisk: boolean;
  familyMembers: FamilyMemberView[];
  previousSupport: string | null;
  parentsInformed: boolean;
  consent: ReferralConsent;
  consentReason: string | null;
  missing: ValidationIssue[];
  clientReference: string | null;
}

export interface StepUpAnswersView extends AboutChild, MadeBy {
  riskOfSignificantHarm: boolean;
  needsUnmetAndWhy: string;
  familyEngagement: string;
  familyToldOfStepUp: boolean;
  timescaleForChange: string;
  lackOfEngagement: boolean;
}

export interface StepUpRequestView extends AboutChild, MadeBy {
  id: string;
  requestedBy: string;
  requestedAt: Date;
  reason: "CIN" | "CP";
  urgent: boolean;
  managerSignOff: boolean | null;
  answers: StepUpAnswersView;
  informationForSocialCare: string;
}

export interface DecisionView extends AboutChild {
  outcome: Outcome;
  rationale: string;
  decidedBy: string;
  decidedAt: Date;
  withinTimescale: boolean;
  dueBy: Date;
  level: number;
  advice: string;
}

export interface NextActionView extends AboutChild {
  id: string;
  notificationId: string;
  action: string;
  assignee: string | null;
  dueBy: Date | null;
  completedAt: Date | null;
  completedBy: string | null;
}

export interface EscalationView extends AboutChild {
  id: string;
  notificationId: string;
  raisedBy: string;
  rationale: string;
  raisedAt: Date;
  status: "OPEN" | "RESOLVED";
  resolution: string | null;
  decisionChanged: boolean | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

export interface DailyDiscussionItemView extends AboutChild {
  id: string;
  date: string;
  notificationId: string;
  livedExperienceFromChild: string | null;
  livedExperienceInferred: string | null;
  decision: string | null;
  actions: NextActionView[];
  reviewOn: string | null;
  recorded: boolean;
  recordedBy: string | null;
}

export interface ChronologyEntryView extends AboutChild {
  at: Date;
  source: string;
  kind: string;
  summary: string | null;
  rag: Rag | null;
  ref: string;
  /** The category of the record the summary comes from (ChronologyEntry.summary is OF_RECORD). */
  recordCategory: AccessCategory;
  madeBy?: string;
}

export interface CountBy {
  key: string;
  count: number;
}
export interface ShareBy {
  key: string;
  share: number;
  of: number;
}

export interface MashPerformanceView {
  contactsByKind: CountBy[];
  contactsByReferrerRole: CountBy[];
  decisionsByOutcome: CountBy[];
  noFurtherActionShareByReferrerRole: ShareBy[];
  withinTimescaleShareByRag: ShareBy[];
  medianHoursToDecision: number | null;
  escalationsRaised: number;
  escalationsResolved: number;
  escalationsThatChangedDecision: number;
  overdueOpenNow: number;
}
