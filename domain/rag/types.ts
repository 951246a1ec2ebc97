// The plain-data picture of one child that the rules read, and what the evaluator returns.
// No Prisma types here: notifications/load-picture.ts maps rows into this shape.

export type Rag = "RED" | "AMBER" | "GREEN";

export interface CpisPlanFact {
  id: string;
  /** CPP | LAC | UCPP */
  planType: string;
  /** ACTIVE | ENDED */
  status: string;
  startDate?: Date | null;
  /** When the plan ended (null or absent while it runs). */
  endDate?: Date | null;
}

/** A plan of another child of the same household or family (version 2). */
export interface HouseholdPlanFact extends CpisPlanFact {
  /** The other child. */
  personId: string;
}

export interface PoliceFact {
  id: string;
  occurredAt: Date;
  category: string;
  /** STANDARD | MEDIUM | HIGH */
  riskLevel: string;
  childPresent: boolean;
}

export interface EdAttendanceFact {
  id: string;
  arrivedAt: Date;
  injury: boolean;
  safeguardingConcern: boolean;
  /** The SNOMED CT concept id of the chief complaint, where the hospital coded one. */
  chiefComplaintSnomed?: string | null;
}

export interface SchoolAttendanceFact {
  id: string;
  periodStart: Date;
  periodEnd: Date;
  possibleSessions: number;
  attendedSessions: number;
  missingEducation: boolean;
  permanentlyExcluded: boolean;
}

export interface EarlyHelpFact {
  id: string;
  /** OPEN | CLOSED */
  status: string;
  openedAt: Date;
}

/** A referral or an early help step-up request made to the MASH about the child (version 2). */
export interface ReferralFact {
  id: string;
  receivedAt: Date;
  /** REFERRAL | STEP_UP_REQUEST */
  kind: string;
  /** The referrer states an immediate risk of harm (ReferralInput.immediateRisk, StepUpRequestInput.urgent). */
  immediateRisk: boolean;
}

/** Everything the hub knows about one child, as the rules see it. */
export interface ChildPicture {
  dateOfBirth: Date | null;
  cpisPlans: CpisPlanFact[];
  police: PoliceFact[];
  edAttendances: EdAttendanceFact[];
  schoolAttendances: SchoolAttendanceFact[];
  earlyHelpEpisodes: EarlyHelpFact[];
  /** Plans of the other children of the child's households and families (version 2). */
  householdPlans?: HouseholdPlanFact[];
  /** Referrals and step-up requests about the child (version 2). */
  referrals?: ReferralFact[];
}

/**
 * Where a rule comes from in the seeds: the file, the section, the indicator's own words (quoted
 * exactly), and which scale the level belongs to. The thresholds guidance uses two scales:
 * Walsall (seed 002: level 3 early help, level 4 statutory) and Tower Hamlets (seed 003: level 3
 * child in need, level 4 child protection). Camden's step-up guidance (seed 004) has no levels.
 */
export interface Citation {
  file: string;
  section: string;
  words: string;
  scale: Scale;
  /** The level of the scale the words stand at (none for a seed without levels). */
  level: 2 | 3 | 4 | null;
}

export type Scale =
  "WALSALL_2018" | "TOWER_HAMLETS_2017" | "CAMDEN_STEP_UP" | "WALSALL_SCRUTINY_2018";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface RuleDefinition {
  id: RuleId;
  rag: Rag;
  description: string;
  /** The thresholds guidance the rule comes from, in one line (rendered from `citations`). */
  source: string;
  citations: readonly Citation[];
  parameters: Record<string, Json>;
}

/** A versioned set of rules, and how its windows count (rag-rules.md). */
export interface RuleSet {
  version: number;
  /**
   * EVENT: "in 90 days" counts back from the triggering event's time, up to it (version 1).
   * EVALUATION: it counts back from the time the hub rates the child, and every record known
   * then is in the picture, whatever order it arrived in (version 2).
   */
  windowsFrom: "EVENT" | "EVALUATION";
  rules: readonly RuleDefinition[];
}

export type RuleIdV1 =
  | "POLICE_HIGH_RISK"
  | "POLICE_ABUSE_OR_EXPLOITATION"
  | "CPIS_PLAN_AND_DOMESTIC_ABUSE"
  | "REPEAT_MISSING"
  | "INFANT_INJURY_ATTENDANCE"
  | "CUMULATIVE_CONCERN"
  | "ED_SAFEGUARDING_CONCERN"
  | "ED_ATTENDANCE_PATTERN"
  | "POLICE_DOMESTIC_ABUSE"
  | "SEVERE_ABSENCE_OR_MISSING_EDUCATION"
  | "CPIS_PLAN_WHILE_EARLY_HELP"
  | "PERSISTENT_ABSENCE"
  | "POLICE_NOTIFICATION";

export type RuleIdV2 =
  | "REFERRAL_IMMEDIATE_RISK"
  | "POLICE_NEGLECT_OR_ONLINE_HARM"
  | "MISSING_EPISODE"
  | "REPEAT_DOMESTIC_ABUSE"
  | "UNBORN_ON_PLAN"
  | "HOUSEHOLD_MEMBER_ON_PLAN"
  | "RECENTLY_ENDED_PLAN"
  | "ED_HIGH_RISK_PRESENTATION"
  | "LAST_SIX_ATTENDANCES_PATTERN";

export type RuleId = RuleIdV1 | RuleIdV2;

/** A rule that fired, with the ids of the records that made it fire. */
export interface FiredRule {
  ruleId: RuleId;
  rag: Rag;
  description: string;
  evidence: string[];
}

export interface Evaluation {
  ruleVersion: number;
  fired: FiredRule[];
  /** The highest rating of the fired rules; undefined when none fired. */
  proposed: Rag | undefined;
}
