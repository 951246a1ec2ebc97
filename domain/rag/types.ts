// The plain-data picture of one child that the rules read, and what the evaluator returns.
// No Prisma types here: notifications/load-picture.ts maps rows into this shape.

export type Rag = "RED" | "AMBER" | "GREEN";

export interface CpisPlanFact {
  id: string;
  /** CPP | LAC | UCPP */
  planType: string;
  /** ACTIVE | ENDED */
  status: string;
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

/** Everything the hub knows about one child, as the rules see it. */
export interface ChildPicture {
  dateOfBirth: Date | null;
  cpisPlans: CpisPlanFact[];
  police: PoliceFact[];
  edAttendances: EdAttendanceFact[];
  schoolAttendances: SchoolAttendanceFact[];
  earlyHelpEpisodes: EarlyHelpFact[];
}

export interface RuleDefinition {
  id: RuleId;
  rag: Rag;
  description: string;
  /** The thresholds guidance the rule comes from. */
  source: string;
  parameters: Record<string, number | string | string[]>;
}

export type RuleId =
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
