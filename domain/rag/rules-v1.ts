// The RAG rules, version 1, as data (contract: rag-rules.md). A change to any rule, its rating
// or its parameters is a new version in a new file; every assessment records the version used.
// The citations were corrected in November 2026 (issue 11): the rules and parameters are as
// they were; only where each rule comes from is now said correctly.
import type { RuleDefinition, RuleSet } from "./types.ts";
import { camden, defineRule, towerHamlets, walsall, walsallReport } from "./citations.ts";

export const RULE_VERSION_1 = 1;

/** Sections of the seeds the rules cite, spelled once. */
export const S = {
  thParenting: '"Indicators of need", Parents/Parenting',
  thSocial: '"Indicators of need", Social and Neighbourhood',
  thFamily: '"Indicators of need", Family and Environment',
  thHealth: '"Indicators of need", Health',
  thEducation: '"Indicators of need", Education',
  thEmotional: '"Indicators of need", Emotional health, wellbeing and behaviour',
  thLevel4: '"Assessment and referral", LEVEL 4 NEEDS CHILD PROTECTION',
  thIndicators: '"Indicators of need" (introduction)',
  thStepDown: 'appendix B "Step-down arrangements", Learning from Serious Case Reviews',
  thStepDownPrinciple: 'appendix B "Step-down arrangements", Principle of Stepping Down',
  wSocial:
    "Criteria to support the levels of need, Child Development Factors: Social, Emotional, Behavioural & Identity",
  wHealth: "Criteria to support the levels of need, Child Development Factors: Health",
  wLearning:
    "Criteria to support the levels of need, Child Development Factors: Learning & Education",
  wParenting:
    "Criteria to support the levels of need, Parenting Factors: Basic Care, Safety and Protection",
  wGuidance:
    "Criteria to support the levels of need, Parenting Factors: Guidance, Boundaries & Stimulation",
  wHousing:
    "Criteria to support the levels of need, Family & Environmental Factors: Housing, Employment and Finance",
  wEscalating: "Advice and Guidance, Escalating Concerns/'Stepping Up/Stepping Down'",
  wReferrals: "What should be done now? Referring to children's social care, Referrals",
  wFindings: "Findings for 'Recommendation 1'",
  cNotifications: "5 Notifications",
  cCriteria: "2 Criteria for stepping up families",
} as const;

export const RULES_V1: readonly RuleDefinition[] = [
  defineRule({
    id: "POLICE_HIGH_RISK",
    rag: "RED",
    description: "A police notification graded HIGH risk",
    citations: [
      towerHamlets(
        S.thLevel4,
        4,
        "thought to have suffered or be at risk of significant harm, a referral to MASH should be made immediately",
      ),
    ],
    note: "The police grading of a notice (HIGH) stands for that judgement; the seeds do not grade police notices.",
    parameters: { riskLevel: "HIGH" },
  }),
  defineRule({
    id: "POLICE_ABUSE_OR_EXPLOITATION",
    rag: "RED",
    description:
      "A police notification of physical or sexual abuse, or sexual or criminal exploitation",
    citations: [
      towerHamlets(
        S.thParenting,
        4,
        "Any allegation of abuse or neglect or any injury suspected to be non-accidental injury to a child",
      ),
      towerHamlets(S.thSocial, 4, "Child/young person exploited for criminal purposes"),
      walsall(S.wHealth, 4, "Sexual or criminal exploitation"),
    ],
    parameters: {
      categories: [
        "PHYSICAL_ABUSE",
        "SEXUAL_ABUSE",
        "CHILD_SEXUAL_EXPLOITATION",
        "CHILD_CRIMINAL_EXPLOITATION",
      ],
    },
  }),
  defineRule({
    id: "CPIS_PLAN_AND_DOMESTIC_ABUSE",
    rag: "RED",
    description:
      "An active child protection plan (CPP or UCPP) and a police domestic abuse notification in the last 90 days",
    citations: [
      walsall(
        S.wParenting,
        4,
        "Chronic and serious domestic violence directly or indirectly involving a child/young person",
      ),
      towerHamlets(
        S.thFamily,
        4,
        "Severe domestic abuse that leads to a child/young person being traumatised, injured or neglected",
      ),
      walsallReport(
        S.wFindings,
        "'flags' on the Hospital's records if there is a child protection plan",
      ),
    ],
    parameters: { planTypes: ["CPP", "UCPP"], category: "DOMESTIC_ABUSE", days: 90 },
  }),
  defineRule({
    id: "REPEAT_MISSING",
    rag: "RED",
    description: "3 or more missing-from-home notifications in 90 days",
    citations: [
      walsall(S.wSocial, 4, "3 or more incidents of missing from home or school"),
      towerHamlets(S.thSocial, 4, "Frequently missing from home for long periods"),
    ],
    note: "The 90 days are the hub's.",
    parameters: { category: "MISSING_FROM_HOME", count: 3, days: 90 },
  }),
  defineRule({
    id: "INFANT_INJURY_ATTENDANCE",
    rag: "RED",
    description: "An emergency attendance with an injury for a child under 1 year old on arrival",
    citations: [
      walsall(S.wHealth, 4, "Non accidental injury"),
      towerHamlets(
        S.thParenting,
        4,
        "Any allegation of abuse or neglect or any injury suspected to be non-accidental injury to a child",
      ),
    ],
    note: "Under 1 year (a baby not yet mobile) is the hub's reading; the seeds name no age.",
    parameters: { ageUnderYears: 1 },
  }),
  defineRule({
    id: "CUMULATIVE_CONCERN",
    rag: "RED",
    description: "3 or more distinct AMBER rules fire at once",
    citations: [
      walsall(
        S.wEscalating,
        null,
        "All professionals must consider the history of a case and the impact of incremental neglect/abuse on a child's development.",
      ),
      towerHamlets(
        S.thIndicators,
        null,
        "Indicators of need should be considered in the wider context of a child's family life.",
      ),
    ],
    note: "Three AMBER rules is the hub's threshold; neither seed gives a number.",
    parameters: { amberRules: 3 },
  }),
  defineRule({
    id: "ED_SAFEGUARDING_CONCERN",
    rag: "AMBER",
    description: "An emergency attendance where the clinician recorded a safeguarding concern",
    citations: [
      walsallReport(
        S.wFindings,
        "Accident & Emergency staff members are required to do threshold training up to Level 3.",
      ),
      walsall(S.wHealth, 4, "Clear allegation of harm and/or disclosure of harm"),
    ],
    note: "The concern is the clinician's own judgement, recorded in the emergency care data set.",
    parameters: {},
  }),
  defineRule({
    id: "ED_ATTENDANCE_PATTERN",
    rag: "AMBER",
    description: "3 or more emergency attendances, or 2 or more with an injury, in 12 months",
    citations: [
      towerHamlets(
        S.thHealth,
        3,
        "The child or young person shows signs of physical abuse e.g. bruising, scalds, burns and scratches, which are accounted for but are more frequent than would be expected for a child of a similar age",
      ),
      towerHamlets(S.thHealth, 2, "Frequent illness/accidents"),
    ],
    note: "The counts (3, or 2 with an injury, in 12 months) are the hub's, after published GP alert rules; seed 002's \"last six hospital attendances\" is LAST_SIX_ATTENDANCES_PATTERN in version 2.",
    parameters: { months: 12, count: 3, injuryCount: 2 },
  }),
  defineRule({
    id: "POLICE_DOMESTIC_ABUSE",
    rag: "AMBER",
    description:
      "A police domestic abuse notification graded MEDIUM, or STANDARD with the child present",
    citations: [
      towerHamlets(S.thFamily, 3, "History of domestic abuse, current domestic abuse"),
      walsall(
        "Criteria to support the levels of need, Parenting Factors: Basic Care, Safety & Protection",
        2,
        "Level 1 or 2 on the Barnardo's Multi Agency Domestic Violence Risk Assessment Matrix",
      ),
    ],
    parameters: { category: "DOMESTIC_ABUSE" },
  }),
  defineRule({
    id: "SEVERE_ABSENCE_OR_MISSING_EDUCATION",
    rag: "AMBER",
    description: "School attendance below 50%, missing education, or permanently excluded",
    citations: [
      towerHamlets(S.thEducation, 3, "Missing from education"),
      towerHamlets(S.thEducation, 3, "Permanently excluded from school"),
      walsall(
        S.wLearning,
        3,
        "Chronic or poor nursery/school attendance/punctuality/ poor home and nursery or school links/ no parental support for education.",
      ),
    ],
    note: "Below 50% is the hub's line for chronic non-attendance (the national severe-absence measure).",
    parameters: { belowPercent: 50 },
  }),
  defineRule({
    id: "CPIS_PLAN_WHILE_EARLY_HELP",
    rag: "AMBER",
    description: "An active CP-IS plan of any type while an early help episode is open",
    citations: [
      camden(
        S.cCriteria,
        "Families should only be stepped up where there are new safeguarding concerns or evidence that the child's needs meet the threshold for a service from CSSW.",
      ),
      walsallReport(
        S.wFindings,
        "enquire whether a child is looked after or on a child protection plan",
      ),
    ],
    parameters: {},
  }),
  defineRule({
    id: "PERSISTENT_ABSENCE",
    rag: "GREEN",
    description: "School attendance below 90% (and not below 50%)",
    citations: [
      towerHamlets(S.thEducation, 2, "Low attendance (below 90%) and persistent absence"),
    ],
    parameters: { belowPercent: 90, notBelowPercent: 50 },
  }),
  defineRule({
    id: "POLICE_NOTIFICATION",
    rag: "GREEN",
    description: "Any other police notification",
    citations: [
      camden(
        S.cNotifications,
        "Notifications are created following any Police Merlin or new information that may be received by MASH on an open Early Help family.",
      ),
      towerHamlets(S.thSocial, 2, "Coming to the notice of the police"),
    ],
    parameters: {},
  }),
];

export const RULE_SET_V1: RuleSet = {
  version: RULE_VERSION_1,
  windowsFrom: "EVENT",
  rules: RULES_V1,
};
