// The RAG rules, version 2, as data (contract: rag-rules.md "RAG rules, version 2"). Version 2
// keeps every rule of version 1 (same ids, ratings and parameters) and adds nine, so that no
// level 3 or level 4 indicator the hub can see reaches nobody. Its windows count back from the
// time the hub rates the child, over every record known then (windowsFrom: EVALUATION).
import type { RuleDefinition, RuleId, RuleSet } from "./types.ts";
import { camden, defineRule, towerHamlets, walsall, walsallReport } from "./citations.ts";
import { RULES_V1, S } from "./rules-v1.ts";
import { presentationCodeSets, UNVERIFIED_PRESENTATIONS } from "./snomed-codes.ts";

export const RULE_VERSION_2 = 2;

export const RULES_ADDED_IN_V2: readonly RuleDefinition[] = [
  defineRule({
    id: "REFERRAL_IMMEDIATE_RISK",
    rag: "RED",
    description: "A referral or step-up request states an immediate risk of harm",
    citations: [
      walsall(
        S.wReferrals,
        4,
        "Where it is believed there is an IMMEDIATE risk of significant harm, the police should be contacted on 999.",
      ),
      camden(
        S.cCriteria,
        "The MASH should only be contacted directly by workers where there is an immediate risk of harm.",
      ),
    ],
    parameters: { kinds: ["REFERRAL", "STEP_UP_REQUEST"] },
  }),
  defineRule({
    id: "POLICE_NEGLECT_OR_ONLINE_HARM",
    rag: "AMBER",
    description: "A police notification of neglect or of online harm",
    citations: [
      towerHamlets(S.thParenting, 4, "Child/young person is suffering neglect"),
      towerHamlets(
        S.thFamily,
        4,
        "Grooming of child/young person via social media or other process",
      ),
      walsall(
        S.wSocial,
        4,
        "Subject to or at risk of physical, emotional, sexual abuse or neglect",
      ),
    ],
    note: "A police notification is an allegation the MASH screens, so AMBER; the level 4 words are why it must reach the MASH at all.",
    parameters: { categories: ["NEGLECT", "ONLINE_HARM"] },
  }),
  defineRule({
    id: "MISSING_EPISODE",
    rag: "AMBER",
    description: "A missing-from-home notification (3 in 90 days stays RED: REPEAT_MISSING)",
    citations: [
      towerHamlets(S.thSocial, 3, "Child/ young person who is missing from home"),
      walsall(S.wSocial, 3, "Repeated incidents of missing from home or school"),
    ],
    parameters: { category: "MISSING_FROM_HOME" },
  }),
  defineRule({
    id: "REPEAT_DOMESTIC_ABUSE",
    rag: "AMBER",
    description:
      "3 or more police domestic abuse notifications in 12 months, whatever their grading or whether the child was present",
    citations: [
      walsall(S.wHousing, 4, "Frequent police visits/calls to the home"),
      walsall(
        S.wParenting,
        4,
        "Chronic and serious domestic violence directly or indirectly involving a child/young person",
      ),
      towerHamlets(S.thFamily, 3, "History of domestic abuse, current domestic abuse"),
    ],
    note: 'Three in 12 months is the hub\'s count for "frequent".',
    parameters: { category: "DOMESTIC_ABUSE", count: 3, months: 12 },
  }),
  defineRule({
    id: "UNBORN_ON_PLAN",
    rag: "AMBER",
    description: "An active unborn child protection plan (CP-IS UCPP)",
    citations: [
      towerHamlets(
        S.thHealth,
        3,
        "Unborn child vulnerable where there are risks of accumulative indicators e.g. substance misuse, learning difficulties, domestic abuse and/or mental health",
      ),
      towerHamlets(
        S.thHealth,
        4,
        "Unborn child vulnerable where there are risks of accumulative indicators e.g. substance misuse, learning difficulties, domestic abuse and/or mental health",
      ),
      camden(
        S.cCriteria,
        "especially cases involving unborn babies and children under 5 who are not attending nursery",
      ),
    ],
    note: "Tower Hamlets lists the same words at level 3 and at level 4.",
    parameters: { planType: "UCPP" },
  }),
  defineRule({
    id: "HOUSEHOLD_MEMBER_ON_PLAN",
    rag: "AMBER",
    description:
      "Another child of the child's household or family has an active child protection plan (CPP or UCPP), and this child has a police notification or an emergency attendance in the last 12 months",
    citations: [
      walsall(S.wParenting, 4, "Previous children placed at risk by parent's actions"),
      walsall(S.wGuidance, 2, "History of parenting difficulties with siblings"),
      walsallReport(
        S.wFindings,
        "'flags' on the Hospital's records if there is a child protection plan",
      ),
    ],
    note: "The household and family are the hub's: early help family ids and the parents police name.",
    parameters: { planTypes: ["CPP", "UCPP"], months: 12 },
  }),
  defineRule({
    id: "RECENTLY_ENDED_PLAN",
    rag: "AMBER",
    description:
      "A child protection plan (CPP) ended in the last 12 months, and a police notification or an emergency attendance since it ended",
    citations: [
      towerHamlets(
        S.thStepDown,
        null,
        "Historical risks or need has not been kept in mind by professionals",
      ),
      towerHamlets(
        S.thStepDownPrinciple,
        null,
        "it is vital that professionals hold the history in mind, even when there are no overt presenting issues",
      ),
      walsall(
        S.wParenting,
        4,
        "Little or no improvement in parenting despite professional interventions",
      ),
    ],
    note: "12 months is how long CP-IS still returns an ended plan.",
    parameters: { planType: "CPP", months: 12 },
  }),
  defineRule({
    id: "ED_HIGH_RISK_PRESENTATION",
    rag: "AMBER",
    description:
      "An emergency attendance for self-harm, overdose or poisoning, a stab or gunshot wound, sexual assault, female genital mutilation, pregnancy under 16, or alcohol or drug intoxication (RED for sexual assault, female genital mutilation and pregnancy under 13)",
    citations: [
      towerHamlets(S.thEmotional, 3, "Self-harm"),
      towerHamlets(S.thHealth, 4, "Young person has been victim of a knife or gun related injury"),
      towerHamlets(S.thHealth, 4, "Disclosure of abuse from child/young person"),
      towerHamlets(
        S.thHealth,
        4,
        "Child is suspected to have suffered or be at risk of Female Genital Mutilation (FGM)",
      ),
      walsall(S.wHealth, 4, "Female Genital Mutilation (FGM)"),
      towerHamlets(
        S.thHealth,
        4,
        "A young person is under 13 and is pregnant or engaged in sexual activity",
      ),
      towerHamlets(
        S.thHealth,
        3,
        "A young person over 13 but under 16 and in a sexual relationship and/or pregnant",
      ),
      towerHamlets(S.thSocial, 3, "Young person being harmed through their substance misuse"),
      towerHamlets(
        S.thEmotional,
        4,
        "Severe or life threatening mental health conditions (e.g. psychosis, risk of suicide, severe self-harm, anorexia nervosa)",
      ),
    ],
    parameters: {
      codeSets: presentationCodeSets(),
      redGroups: ["SEXUAL_ASSAULT", "FEMALE_GENITAL_MUTILATION"],
      pregnancyUnderYears: 16,
      pregnancyRedUnderYears: 13,
      unverified: [...UNVERIFIED_PRESENTATIONS],
    },
  }),
  defineRule({
    id: "LAST_SIX_ATTENDANCES_PATTERN",
    rag: "AMBER",
    description:
      "Of the child's last six emergency attendances, 3 or more had an injury or a safeguarding concern",
    citations: [
      walsallReport(
        S.wFindings,
        "a pattern over the last six hospital attendances that raises concerns, following which a social worker is advised",
      ),
    ],
    note: "Three of six is the hub's reading of a pattern that raises concerns.",
    parameters: { lastAttendances: 6, count: 3 },
  }),
];

/** Version 2's order: by rating, then as version 1 listed them, each new rule beside its kin. */
const ORDER: readonly RuleId[] = [
  "POLICE_HIGH_RISK",
  "POLICE_ABUSE_OR_EXPLOITATION",
  "CPIS_PLAN_AND_DOMESTIC_ABUSE",
  "REPEAT_MISSING",
  "INFANT_INJURY_ATTENDANCE",
  "REFERRAL_IMMEDIATE_RISK",
  "CUMULATIVE_CONCERN",
  "ED_SAFEGUARDING_CONCERN",
  "ED_ATTENDANCE_PATTERN",
  "ED_HIGH_RISK_PRESENTATION",
  "LAST_SIX_ATTENDANCES_PATTERN",
  "POLICE_DOMESTIC_ABUSE",
  "REPEAT_DOMESTIC_ABUSE",
  "POLICE_NEGLECT_OR_ONLINE_HARM",
  "MISSING_EPISODE",
  "SEVERE_ABSENCE_OR_MISSING_EDUCATION",
  "CPIS_PLAN_WHILE_EARLY_HELP",
  "UNBORN_ON_PLAN",
  "HOUSEHOLD_MEMBER_ON_PLAN",
  "RECENTLY_ENDED_PLAN",
  "PERSISTENT_ABSENCE",
  "POLICE_NOTIFICATION",
];

const byId = new Map([...RULES_V1, ...RULES_ADDED_IN_V2].map((r) => [r.id, r]));

export const RULES_V2: readonly RuleDefinition[] = ORDER.map((id) => {
  const rule = byId.get(id);
  if (!rule) throw new Error(`rule ${id} is in version 2's order but not defined`);
  return rule;
});

export const RULE_SET_V2: RuleSet = {
  version: RULE_VERSION_2,
  windowsFrom: "EVALUATION",
  rules: RULES_V2,
};
