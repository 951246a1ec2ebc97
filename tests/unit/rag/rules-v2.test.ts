import { describe, expect, it } from "@jest/globals";
import { evaluate, RULE_SET_V1, RULE_SET_V2 } from "#rag/index.ts";
import type { ChildPicture, RuleId } from "#rag/index.ts";
import { PRESENTATION_CODES } from "#rag/snomed-codes.ts";
import {
  AS_OF,
  bornYearsAgo,
  daysAgo,
  ed,
  emptyPicture,
  householdPlan,
  plan,
  police,
  referral,
} from "./picture-builder.ts";

const v2 = (p: ChildPicture, asOf = AS_OF) => evaluate(p, asOf, RULE_SET_V2);
const fired = (p: ChildPicture, asOf = AS_OF): RuleId[] => v2(p, asOf).fired.map((f) => f.ruleId);
const rule = (p: ChildPicture, id: RuleId) => v2(p).fired.find((f) => f.ruleId === id);
const ms = (d: Date, n: number) => new Date(d.getTime() + n);
/** The same instant 12 calendar months before AS_OF (the rules' "in 12 months"). */
const twelveMonthsAgo = new Date("2025-11-20T21:14:00Z");

describe("the rule set, version 2", () => {
  it("keeps every rule of version 1, unchanged, and adds nine", () => {
    const v1 = new Map(RULE_SET_V1.rules.map((r) => [r.id, r]));
    expect(RULE_SET_V2.rules).toHaveLength(22);
    for (const r of RULE_SET_V1.rules) {
      expect(RULE_SET_V2.rules.find((x) => x.id === r.id)).toEqual(r);
    }
    expect(RULE_SET_V2.rules.filter((r) => !v1.has(r.id)).map((r) => [r.id, r.rag])).toEqual([
      ["REFERRAL_IMMEDIATE_RISK", "RED"],
      ["ED_HIGH_RISK_PRESENTATION", "AMBER"],
      ["LAST_SIX_ATTENDANCES_PATTERN", "AMBER"],
      ["REPEAT_DOMESTIC_ABUSE", "AMBER"],
      ["POLICE_NEGLECT_OR_ONLINE_HARM", "AMBER"],
      ["MISSING_EPISODE", "AMBER"],
      ["UNBORN_ON_PLAN", "AMBER"],
      ["HOUSEHOLD_MEMBER_ON_PLAN", "AMBER"],
      ["RECENTLY_ENDED_PLAN", "AMBER"],
    ]);
    expect(RULE_SET_V2.windowsFrom).toBe("EVALUATION");
    expect(RULE_SET_V1.windowsFrom).toBe("EVENT");
  });

  it("fires nothing for a child nobody has reported on, and records its version", () => {
    expect(v2(emptyPicture())).toEqual({ ruleVersion: 2, fired: [], proposed: undefined });
  });
});

describe("REFERRAL_IMMEDIATE_RISK", () => {
  it("fires RED on a referral or an urgent step-up request that states an immediate risk", () => {
    const r = referral({ immediateRisk: true });
    expect(rule(emptyPicture({ referrals: [r] }), "REFERRAL_IMMEDIATE_RISK")).toMatchObject({
      rag: "RED",
      evidence: [r.id],
    });
    const s = referral({ immediateRisk: true, kind: "STEP_UP_REQUEST" });
    expect(fired(emptyPicture({ referrals: [s] }))).toEqual(["REFERRAL_IMMEDIATE_RISK"]);
  });
  it("does not fire without an immediate risk", () => {
    expect(fired(emptyPicture({ referrals: [referral()] }))).toEqual([]);
  });
});

describe("POLICE_NEGLECT_OR_ONLINE_HARM", () => {
  it("rates a police neglect or online harm notification AMBER (version 1: GREEN)", () => {
    for (const category of ["NEGLECT", "ONLINE_HARM"]) {
      const p = emptyPicture({ police: [police({ category })] });
      expect(v2(p).proposed).toBe("AMBER");
      expect(fired(p)).toEqual(["POLICE_NEGLECT_OR_ONLINE_HARM"]);
      expect(evaluate(p, AS_OF, RULE_SET_V1).proposed).toBe("GREEN");
    }
  });
  it("leaves other categories to POLICE_NOTIFICATION", () => {
    expect(
      fired(emptyPicture({ police: [police({ category: "ANTI_SOCIAL_BEHAVIOUR" })] })),
    ).toEqual(["POLICE_NOTIFICATION"]);
  });
});

describe("MISSING_EPISODE and REPEAT_MISSING", () => {
  it("rates one missing episode AMBER", () => {
    const p = emptyPicture({ police: [police({ category: "MISSING_FROM_HOME" })] });
    expect(fired(p)).toEqual(["MISSING_EPISODE"]);
    expect(v2(p).proposed).toBe("AMBER");
  });
  it("keeps 3 in 90 days RED, counted back from the evaluation: the 90th day in, the 91st out", () => {
    const missing = (d: number) =>
      police({ category: "MISSING_FROM_HOME", occurredAt: daysAgo(d) });
    expect(fired(emptyPicture({ police: [missing(0), missing(40), missing(90)] }))).toContain(
      "REPEAT_MISSING",
    );
    const older = emptyPicture({
      police: [
        missing(0),
        missing(40),
        police({ category: "MISSING_FROM_HOME", occurredAt: ms(daysAgo(90), -1) }),
      ],
    });
    expect(fired(older)).not.toContain("REPEAT_MISSING");
    expect(fired(older)).toContain("MISSING_EPISODE");
  });
});

describe("REPEAT_DOMESTIC_ABUSE", () => {
  const da = (at: Date) =>
    police({
      category: "DOMESTIC_ABUSE",
      riskLevel: "STANDARD",
      childPresent: false,
      occurredAt: at,
    });
  it("rates three standard notices in 60 days with the child not present AMBER (version 1: GREEN)", () => {
    const p = emptyPicture({ police: [da(daysAgo(0)), da(daysAgo(30)), da(daysAgo(60))] });
    expect(fired(p)).toEqual(["REPEAT_DOMESTIC_ABUSE"]);
    expect(evaluate(p, AS_OF, RULE_SET_V1).proposed).toBe("GREEN");
  });
  it("counts 12 calendar months back: the first instant in, one millisecond earlier out", () => {
    expect(
      fired(emptyPicture({ police: [da(AS_OF), da(daysAgo(5)), da(twelveMonthsAgo)] })),
    ).toEqual(["REPEAT_DOMESTIC_ABUSE"]);
    expect(
      fired(emptyPicture({ police: [da(AS_OF), da(daysAgo(5)), da(ms(twelveMonthsAgo, -1))] })),
    ).toEqual(["POLICE_NOTIFICATION"]);
  });
  it("needs three: two are not enough", () => {
    expect(fired(emptyPicture({ police: [da(AS_OF), da(daysAgo(5))] }))).toEqual([
      "POLICE_NOTIFICATION",
    ]);
  });
});

describe("UNBORN_ON_PLAN", () => {
  it("rates an active unborn child protection plan alone AMBER (version 1: nothing)", () => {
    const p = emptyPicture({ dateOfBirth: null, cpisPlans: [plan({ planType: "UCPP" })] });
    expect(fired(p)).toEqual(["UNBORN_ON_PLAN"]);
    expect(evaluate(p, AS_OF, RULE_SET_V1).proposed).toBeUndefined();
  });
  it("does not fire for an ended UCPP or another plan type", () => {
    expect(
      fired(emptyPicture({ cpisPlans: [plan({ planType: "UCPP", status: "ENDED" })] })),
    ).toEqual([]);
    expect(fired(emptyPicture({ cpisPlans: [plan({ planType: "CPP" })] }))).toEqual([]);
  });
});

describe("HOUSEHOLD_MEMBER_ON_PLAN", () => {
  it("fires AMBER when a sibling is on an active plan and this child came to notice in 12 months", () => {
    const sibling = householdPlan();
    const incident = ed({ arrivedAt: daysAgo(100) });
    const p = emptyPicture({ householdPlans: [sibling], edAttendances: [incident] });
    expect(rule(p, "HOUSEHOLD_MEMBER_ON_PLAN")).toMatchObject({
      rag: "AMBER",
      evidence: [sibling.id, incident.id],
    });
    expect(
      fired(
        emptyPicture({ householdPlans: [householdPlan({ planType: "UCPP" })], police: [police()] }),
      ),
    ).toContain("HOUSEHOLD_MEMBER_ON_PLAN");
  });
  it("does not fire without this child's own record in the 12 months", () => {
    expect(fired(emptyPicture({ householdPlans: [householdPlan()] }))).toEqual([]);
    const old = ed({ arrivedAt: ms(twelveMonthsAgo, -1) });
    expect(
      fired(emptyPicture({ householdPlans: [householdPlan()], edAttendances: [old] })),
    ).toEqual([]);
    const edge = ed({ arrivedAt: twelveMonthsAgo });
    expect(
      fired(emptyPicture({ householdPlans: [householdPlan()], edAttendances: [edge] })),
    ).toEqual(["HOUSEHOLD_MEMBER_ON_PLAN"]);
  });
  it("does not fire for a sibling's ended plan or a looked-after sibling", () => {
    for (const s of [householdPlan({ status: "ENDED" }), householdPlan({ planType: "LAC" })]) {
      expect(fired(emptyPicture({ householdPlans: [s], edAttendances: [ed()] }))).toEqual([]);
    }
  });
});

describe("RECENTLY_ENDED_PLAN", () => {
  const ended = (daysBack: number, over = {}) =>
    plan({ status: "ENDED", endDate: daysAgo(daysBack), ...over });
  it("fires AMBER for a plan that ended last month and a concern since", () => {
    const p1 = ended(30);
    const since = police({ occurredAt: daysAgo(10) });
    const p = emptyPicture({ cpisPlans: [p1], police: [since] });
    expect(rule(p, "RECENTLY_ENDED_PLAN")).toMatchObject({
      rag: "AMBER",
      evidence: [p1.id, since.id],
    });
    expect(v2(p).proposed).toBe("AMBER");
    expect(evaluate(p, AS_OF, RULE_SET_V1).proposed).toBe("GREEN");
  });
  it("counts a record on the day the plan ended, not one before it", () => {
    const p1 = ended(30);
    expect(
      fired(emptyPicture({ cpisPlans: [p1], edAttendances: [ed({ arrivedAt: daysAgo(30) })] })),
    ).toContain("RECENTLY_ENDED_PLAN");
    expect(
      fired(
        emptyPicture({ cpisPlans: [p1], edAttendances: [ed({ arrivedAt: ms(daysAgo(30), -1) })] }),
      ),
    ).not.toContain("RECENTLY_ENDED_PLAN");
  });
  it("does not fire for a plan that ended more than 12 months ago, a running plan or a care plan", () => {
    const late = police({ occurredAt: daysAgo(1) });
    expect(
      fired(
        emptyPicture({
          cpisPlans: [plan({ status: "ENDED", endDate: ms(twelveMonthsAgo, -1) })],
          police: [late],
        }),
      ),
    ).toEqual(["POLICE_NOTIFICATION"]);
    expect(fired(emptyPicture({ cpisPlans: [plan()], police: [late] }))).toEqual([
      "POLICE_NOTIFICATION",
    ]);
    expect(
      fired(emptyPicture({ cpisPlans: [ended(30, { planType: "LAC" })], police: [late] })),
    ).toEqual(["POLICE_NOTIFICATION"]);
    // an ended plan without an end date cannot be placed in time
    expect(fired(emptyPicture({ cpisPlans: [plan({ status: "ENDED" })], police: [late] }))).toEqual(
      ["POLICE_NOTIFICATION"],
    );
  });
});

describe("ED_HIGH_RISK_PRESENTATION", () => {
  const code = (group: keyof typeof PRESENTATION_CODES) =>
    (PRESENTATION_CODES[group][0] as { code: string }).code;
  const attend = (snomed: string, dateOfBirth: Date | null = bornYearsAgo(14)) =>
    emptyPicture({ dateOfBirth, edAttendances: [ed({ chiefComplaintSnomed: snomed })] });

  it("rates self-harm, overdose or poisoning, a stab or gunshot wound and intoxication AMBER", () => {
    for (const group of [
      "SELF_HARM",
      "OVERDOSE_OR_POISONING",
      "STAB_OR_GUNSHOT_WOUND",
      "ALCOHOL_OR_DRUG_INTOXICATION",
    ] as const) {
      for (const c of PRESENTATION_CODES[group]) {
        expect(rule(attend(c.code), "ED_HIGH_RISK_PRESENTATION")?.rag).toBe("AMBER");
      }
    }
  });
  it("rates sexual assault RED", () => {
    expect(rule(attend(code("SEXUAL_ASSAULT")), "ED_HIGH_RISK_PRESENTATION")?.rag).toBe("RED");
    expect(v2(attend(code("SEXUAL_ASSAULT"))).proposed).toBe("RED");
  });
  it("rates pregnancy AMBER under 16 and RED under 13, by age on arrival", () => {
    const preg = code("PREGNANCY");
    const at = (years: number, days = 0) =>
      rule(attend(preg, bornYearsAgo(years, days)), "ED_HIGH_RISK_PRESENTATION")?.rag;
    expect(at(12, 364)).toBe("RED");
    expect(at(13)).toBe("AMBER"); // the 13th birthday
    expect(at(15, 364)).toBe("AMBER");
    expect(at(16)).toBeUndefined(); // the 16th birthday
    expect(at(17)).toBeUndefined();
    // without a date of birth the age cannot rule it out
    expect(rule(attend(preg, null), "ED_HIGH_RISK_PRESENTATION")?.rag).toBe("AMBER");
  });
  it("does not fire on other complaints or none", () => {
    expect(fired(attend("125605004"))).toEqual([]); // fracture of bone
    expect(fired(emptyPicture({ edAttendances: [ed()] }))).toEqual([]);
  });
  it("lists its code sets with each code's meaning and source, and says what could not be verified", () => {
    const r = RULE_SET_V2.rules.find((x) => x.id === "ED_HIGH_RISK_PRESENTATION")!;
    const sets = r.parameters["codeSets"] as Record<string, Array<Record<string, string>>>;
    expect(Object.keys(sets).sort()).toEqual(Object.keys(PRESENTATION_CODES).sort());
    for (const codes of Object.values(sets)) {
      for (const c of codes) {
        expect(c["code"]).toMatch(/^\d{6,18}$/);
        expect(c["meaning"]).toMatch(/\((finding|disorder|event)\)$/);
        expect(c["source"]).toMatch(/SNOMED CT/);
      }
    }
    expect(sets["FEMALE_GENITAL_MUTILATION"]).toEqual([]);
    expect(r.parameters["unverified"]).toEqual(
      expect.arrayContaining([expect.stringMatching(/^FEMALE_GENITAL_MUTILATION/)]),
    );
  });
});

describe("LAST_SIX_ATTENDANCES_PATTERN", () => {
  const attendances = (flags: boolean[]) =>
    flags.map((flag, i) => ed({ arrivedAt: daysAgo(i * 100), injury: flag }));
  it("fires when 3 of the last six attendances had an injury or a safeguarding concern, over any span", () => {
    const p = emptyPicture({ edAttendances: attendances([false, true, false, true, false, true]) });
    expect(fired(p)).toContain("LAST_SIX_ATTENDANCES_PATTERN");
    expect(rule(p, "LAST_SIX_ATTENDANCES_PATTERN")?.evidence).toHaveLength(3);
    const concern = [ed({ safeguardingConcern: true }), ...attendances([false, true, true])];
    expect(fired(emptyPicture({ edAttendances: concern }))).toContain(
      "LAST_SIX_ATTENDANCES_PATTERN",
    );
  });
  it("looks at the last six only: a seventh older injury does not count", () => {
    const p = emptyPicture({
      edAttendances: attendances([false, true, false, true, false, false, true]),
    });
    expect(fired(p)).not.toContain("LAST_SIX_ATTENDANCES_PATTERN");
  });
});

describe("CUMULATIVE_CONCERN in version 2", () => {
  it("counts version 2's AMBER rules too", () => {
    const p = emptyPicture({
      police: [police({ category: "NEGLECT" }), police({ category: "MISSING_FROM_HOME" })],
      edAttendances: [ed({ chiefComplaintSnomed: "248062006" })],
    });
    expect(fired(p)).toEqual([
      "CUMULATIVE_CONCERN",
      "ED_HIGH_RISK_PRESENTATION",
      "POLICE_NEGLECT_OR_ONLINE_HARM",
      "MISSING_EPISODE",
    ]);
    expect(v2(p).proposed).toBe("RED");
  });
});

describe("windows in version 2 count back from the evaluation, over every record known", () => {
  it("fires CPIS_PLAN_AND_DOMESTIC_ABUSE for a plan whose event is older than the domestic abuse", () => {
    // the contract's examples: the CP-IS plan event (1 October) arrives after the police one (20 November)
    const da = police({
      category: "DOMESTIC_ABUSE",
      riskLevel: "MEDIUM",
      childPresent: true,
      occurredAt: daysAgo(3),
    });
    const p = emptyPicture({ police: [da], cpisPlans: [plan()] });
    const planEventTime = daysAgo(53);
    expect(evaluate(p, planEventTime, RULE_SET_V1).fired.map((f) => f.ruleId)).not.toContain(
      "CPIS_PLAN_AND_DOMESTIC_ABUSE",
    );
    expect(fired(p)).toContain("CPIS_PLAN_AND_DOMESTIC_ABUSE");
  });
  it("keeps a record dated a little after the evaluation (an agency clock ahead)", () => {
    const ahead = police({ category: "MISSING_FROM_HOME", occurredAt: ms(AS_OF, 60_000) });
    const p = emptyPicture({
      police: [
        ahead,
        police({ category: "MISSING_FROM_HOME" }),
        police({ category: "MISSING_FROM_HOME" }),
      ],
    });
    expect(fired(p)).toContain("REPEAT_MISSING");
    expect(evaluate(p, AS_OF, RULE_SET_V1).fired.map((f) => f.ruleId)).not.toContain(
      "REPEAT_MISSING",
    );
  });
});
