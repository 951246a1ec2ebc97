// The RAG rules, version 1, as data (contract: rag-rules.md). A change to any rule, its rating
// or its parameters is a new version in a new file; every assessment records the version used.
import type { RuleDefinition } from "./types.ts";

export const RULE_VERSION_1 = 1;

export const RULES_V1: readonly RuleDefinition[] = [
  {
    id: "POLICE_HIGH_RISK",
    rag: "RED",
    description: "A police notification graded HIGH risk",
    source:
      "Tower Hamlets thresholds 2017, level 4 (seed 003); police notices graded high map to red",
    parameters: { riskLevel: "HIGH" },
  },
  {
    id: "POLICE_ABUSE_OR_EXPLOITATION",
    rag: "RED",
    description:
      "A police notification of physical or sexual abuse, or sexual or criminal exploitation",
    source:
      "Tower Hamlets thresholds 2017, level 4: subject to or at risk of abuse, sexual or criminal exploitation (seed 003)",
    parameters: {
      categories: [
        "PHYSICAL_ABUSE",
        "SEXUAL_ABUSE",
        "CHILD_SEXUAL_EXPLOITATION",
        "CHILD_CRIMINAL_EXPLOITATION",
      ],
    },
  },
  {
    id: "CPIS_PLAN_AND_DOMESTIC_ABUSE",
    rag: "RED",
    description:
      "An active child protection plan (CPP or UCPP) and a police domestic abuse notification in the last 90 days",
    source: "Tower Hamlets thresholds 2017, level 4 (seed 003); CP-IS flag (seed 002)",
    parameters: { planTypes: ["CPP", "UCPP"], category: "DOMESTIC_ABUSE", days: 90 },
  },
  {
    id: "REPEAT_MISSING",
    rag: "RED",
    description: "3 or more missing-from-home notifications in 90 days",
    source:
      "Walsall thresholds guidance 2018, level 4: 3 or more incidents of missing from home (seed 002)",
    parameters: { category: "MISSING_FROM_HOME", count: 3, days: 90 },
  },
  {
    id: "INFANT_INJURY_ATTENDANCE",
    rag: "RED",
    description: "An emergency attendance with an injury for a child under 1 year old on arrival",
    source:
      "Walsall thresholds guidance 2018, level 4: non accidental injury (seed 002); injuries to non-mobile babies",
    parameters: { ageUnderYears: 1 },
  },
  {
    id: "CUMULATIVE_CONCERN",
    rag: "RED",
    description: "3 or more distinct AMBER rules fire at once",
    source:
      "Tower Hamlets thresholds 2017: multiple level 3 indicators together may meet level 4 (seed 003)",
    parameters: { amberRules: 3 },
  },
  {
    id: "ED_SAFEGUARDING_CONCERN",
    rag: "AMBER",
    description: "An emergency attendance where the clinician recorded a safeguarding concern",
    source: "Tower Hamlets thresholds 2017, level 3 (seed 003); ECDS safeguarding concern",
    parameters: {},
  },
  {
    id: "ED_ATTENDANCE_PATTERN",
    rag: "AMBER",
    description: "3 or more emergency attendances, or 2 or more with an injury, in 12 months",
    source:
      "Walsall thresholds guidance 2018, hospital attendance pattern flags, level 3 (seed 002)",
    parameters: { months: 12, count: 3, injuryCount: 2 },
  },
  {
    id: "POLICE_DOMESTIC_ABUSE",
    rag: "AMBER",
    description:
      "A police domestic abuse notification graded MEDIUM, or STANDARD with the child present",
    source: "Tower Hamlets thresholds 2017, level 3: domestic abuse in the household (seed 003)",
    parameters: { category: "DOMESTIC_ABUSE" },
  },
  {
    id: "SEVERE_ABSENCE_OR_MISSING_EDUCATION",
    rag: "AMBER",
    description: "School attendance below 50%, missing education, or permanently excluded",
    source:
      "Tower Hamlets thresholds 2017, level 3-4: chronic non-attendance, permanently excluded, no education provision (seed 003)",
    parameters: { belowPercent: 50 },
  },
  {
    id: "CPIS_PLAN_WHILE_EARLY_HELP",
    rag: "AMBER",
    description: "An active CP-IS plan of any type while an early help episode is open",
    source: "Camden guidance for stepping up early help families (seed 004)",
    parameters: {},
  },
  {
    id: "PERSISTENT_ABSENCE",
    rag: "GREEN",
    description: "School attendance below 90% (and not below 50%)",
    source: "Tower Hamlets thresholds 2017, level 2: persistent absence (seed 003)",
    parameters: { belowPercent: 90, notBelowPercent: 50 },
  },
  {
    id: "POLICE_NOTIFICATION",
    rag: "GREEN",
    description: "Any other police notification",
    source:
      "Camden guidance for stepping up early help families: police (Merlin) notifications on open families (seed 004)",
    parameters: {},
  },
];
