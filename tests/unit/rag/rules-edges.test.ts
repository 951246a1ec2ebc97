import { describe, expect, it } from "@jest/globals";
import { evaluate, RULE_SET_V1, RULE_VERSION_1 } from "#rag/index.ts";
import type { ChildPicture, RuleId } from "#rag/index.ts";
import {
  AS_OF,
  daysAgo,
  earlyHelp,
  ed,
  emptyPicture,
  plan,
  police,
  school,
} from "./picture-builder.ts";

const firedIds = (p: ChildPicture, asOf = AS_OF): RuleId[] =>
  evaluate(p, asOf).fired.map((f) => f.ruleId);
const reason = (p: ChildPicture, id: RuleId) =>
  evaluate(p, AS_OF).fired.find((f) => f.ruleId === id);

describe("the rule set, version 1", () => {
  it("holds the thirteen rules of the contract, each with a rating, a description and its guidance", () => {
    expect(RULE_VERSION_1).toBe(1);
    expect(RULE_SET_V1.rules.map((r) => [r.id, r.rag])).toEqual([
      ["POLICE_HIGH_RISK", "RED"],
      ["POLICE_ABUSE_OR_EXPLOITATION", "RED"],
      ["CPIS_PLAN_AND_DOMESTIC_ABUSE", "RED"],
      ["REPEAT_MISSING", "RED"],
      ["INFANT_INJURY_ATTENDANCE", "RED"],
      ["CUMULATIVE_CONCERN", "RED"],
      ["ED_SAFEGUARDING_CONCERN", "AMBER"],
      ["ED_ATTENDANCE_PATTERN", "AMBER"],
      ["POLICE_DOMESTIC_ABUSE", "AMBER"],
      ["SEVERE_ABSENCE_OR_MISSING_EDUCATION", "AMBER"],
      ["CPIS_PLAN_WHILE_EARLY_HELP", "AMBER"],
      ["PERSISTENT_ABSENCE", "GREEN"],
      ["POLICE_NOTIFICATION", "GREEN"],
    ]);
    for (const r of RULE_SET_V1.rules) {
      expect(r.description.length).toBeGreaterThan(10);
      expect(r.source).toMatch(/seed 00\d/);
    }
  });

  it("fires nothing and proposes no rating for a child nobody has reported on", () => {
    const e = evaluate(emptyPicture(), AS_OF);
    expect(e.fired).toEqual([]);
    expect(e.proposed).toBeUndefined();
    expect(e.ruleVersion).toBe(1);
  });
});

describe("POLICE_HIGH_RISK", () => {
  it("fires RED on a HIGH risk notification and names it as evidence", () => {
    const n = police({ riskLevel: "HIGH" });
    const e = evaluate(emptyPicture({ police: [n] }), AS_OF);
    expect(e.proposed).toBe("RED");
    expect(reason(emptyPicture({ police: [n] }), "POLICE_HIGH_RISK")?.evidence).toEqual([n.id]);
  });
  it("does not fire on MEDIUM or STANDARD risk", () => {
    expect(firedIds(emptyPicture({ police: [police({ riskLevel: "MEDIUM" })] }))).not.toContain(
      "POLICE_HIGH_RISK",
    );
    expect(firedIds(emptyPicture({ police: [police({ riskLevel: "STANDARD" })] }))).not.toContain(
      "POLICE_HIGH_RISK",
    );
  });
});

describe("POLICE_ABUSE_OR_EXPLOITATION", () => {
  it.each([
    "PHYSICAL_ABUSE",
    "SEXUAL_ABUSE",
    "CHILD_SEXUAL_EXPLOITATION",
    "CHILD_CRIMINAL_EXPLOITATION",
  ])("fires RED on a %s notification of any risk", (category) => {
    expect(firedIds(emptyPicture({ police: [police({ category })] }))).toContain(
      "POLICE_ABUSE_OR_EXPLOITATION",
    );
  });
  it.each(["NEGLECT", "ONLINE_HARM", "ANTI_SOCIAL_BEHAVIOUR", "OTHER", "DOMESTIC_ABUSE"])(
    "does not fire on %s",
    (category) => {
      expect(firedIds(emptyPicture({ police: [police({ category })] }))).not.toContain(
        "POLICE_ABUSE_OR_EXPLOITATION",
      );
    },
  );
});

describe("CPIS_PLAN_AND_DOMESTIC_ABUSE", () => {
  const da = (days: number) => police({ category: "DOMESTIC_ABUSE", occurredAt: daysAgo(days) });
  it("fires with an active CPP and domestic abuse exactly 90 days before the event", () => {
    const p = plan({ planType: "CPP" });
    const n = da(90);
    expect(
      reason(emptyPicture({ cpisPlans: [p], police: [n] }), "CPIS_PLAN_AND_DOMESTIC_ABUSE")
        ?.evidence,
    ).toEqual([p.id, n.id]);
  });
  it("does not fire when the domestic abuse was 91 days before", () => {
    expect(firedIds(emptyPicture({ cpisPlans: [plan()], police: [da(91)] }))).not.toContain(
      "CPIS_PLAN_AND_DOMESTIC_ABUSE",
    );
  });
  it("fires for an unborn child protection plan (UCPP) too", () => {
    expect(
      firedIds(emptyPicture({ cpisPlans: [plan({ planType: "UCPP" })], police: [da(1)] })),
    ).toContain("CPIS_PLAN_AND_DOMESTIC_ABUSE");
  });
  it("does not fire for a looked-after plan (LAC) or an ENDED plan", () => {
    expect(
      firedIds(emptyPicture({ cpisPlans: [plan({ planType: "LAC" })], police: [da(1)] })),
    ).not.toContain("CPIS_PLAN_AND_DOMESTIC_ABUSE");
    expect(
      firedIds(emptyPicture({ cpisPlans: [plan({ status: "ENDED" })], police: [da(1)] })),
    ).not.toContain("CPIS_PLAN_AND_DOMESTIC_ABUSE");
  });
});

describe("REPEAT_MISSING", () => {
  const missing = (days: number) =>
    police({ category: "MISSING_FROM_HOME", occurredAt: daysAgo(days) });
  it("fires RED on 3 missing episodes within 90 days (the oldest exactly 90 days back)", () => {
    const ns = [missing(90), missing(30), missing(0)];
    expect(reason(emptyPicture({ police: ns }), "REPEAT_MISSING")?.evidence).toEqual(
      ns.map((n) => n.id),
    );
  });
  it("does not fire when the 3 episodes span 91 days", () => {
    expect(
      firedIds(emptyPicture({ police: [missing(91), missing(30), missing(0)] })),
    ).not.toContain("REPEAT_MISSING");
  });
  it("does not fire on 2 episodes", () => {
    const ids = firedIds(emptyPicture({ police: [missing(10), missing(0)] }));
    expect(ids).not.toContain("REPEAT_MISSING");
    expect(ids).toContain("POLICE_NOTIFICATION");
  });
  it("does not count an episode after the triggering event", () => {
    const later = police({
      category: "MISSING_FROM_HOME",
      occurredAt: new Date(AS_OF.getTime() + 60_000),
    });
    expect(firedIds(emptyPicture({ police: [missing(20), missing(0), later] }))).not.toContain(
      "REPEAT_MISSING",
    );
  });
});

describe("INFANT_INJURY_ATTENDANCE", () => {
  const dob = new Date("2025-06-01T00:00:00Z");
  const at = (days: number) => new Date(dob.getTime() + days * 86_400_000 + 3_600_000);
  it("fires RED for an injury at 364 days old", () => {
    expect(
      firedIds(
        emptyPicture({
          dateOfBirth: dob,
          edAttendances: [ed({ injury: true, arrivedAt: at(364) })],
        }),
      ),
    ).toContain("INFANT_INJURY_ATTENDANCE");
  });
  it("does not fire for an injury at 366 days old", () => {
    expect(
      firedIds(
        emptyPicture({
          dateOfBirth: dob,
          edAttendances: [ed({ injury: true, arrivedAt: at(366) })],
        }),
      ),
    ).not.toContain("INFANT_INJURY_ATTENDANCE");
  });
  it("does not fire for an infant's attendance without injury, or when the date of birth is unknown", () => {
    expect(
      firedIds(emptyPicture({ dateOfBirth: dob, edAttendances: [ed({ arrivedAt: at(10) })] })),
    ).not.toContain("INFANT_INJURY_ATTENDANCE");
    expect(
      firedIds(
        emptyPicture({
          dateOfBirth: null,
          edAttendances: [ed({ injury: true, arrivedAt: at(10) })],
        }),
      ),
    ).not.toContain("INFANT_INJURY_ATTENDANCE");
  });
});

describe("ED_SAFEGUARDING_CONCERN", () => {
  it("fires AMBER when the clinician recorded a safeguarding concern, and not otherwise", () => {
    const a = ed({ safeguardingConcern: true });
    const e = evaluate(emptyPicture({ edAttendances: [a] }), AS_OF);
    expect(e.fired.map((f) => f.ruleId)).toEqual(["ED_SAFEGUARDING_CONCERN"]);
    expect(e.proposed).toBe("AMBER");
    expect(firedIds(emptyPicture({ edAttendances: [ed()] }))).toEqual([]);
  });
});

describe("ED_ATTENDANCE_PATTERN", () => {
  const asOf = new Date("2026-11-20T10:00:00Z");
  it("fires on 3 attendances in 12 months, the oldest exactly 12 months before", () => {
    const list = [
      ed({ arrivedAt: new Date("2025-11-20T10:00:00Z") }),
      ed({ arrivedAt: new Date("2026-05-01T00:00:00Z") }),
      ed({ arrivedAt: asOf }),
    ];
    expect(firedIds(emptyPicture({ edAttendances: list }), asOf)).toContain(
      "ED_ATTENDANCE_PATTERN",
    );
  });
  it("does not fire when the oldest of 3 is a minute more than 12 months before", () => {
    const list = [
      ed({ arrivedAt: new Date("2025-11-20T09:59:00Z") }),
      ed({ arrivedAt: new Date("2026-05-01T00:00:00Z") }),
      ed({ arrivedAt: asOf }),
    ];
    expect(firedIds(emptyPicture({ edAttendances: list }), asOf)).not.toContain(
      "ED_ATTENDANCE_PATTERN",
    );
  });
  it("fires on 2 injury attendances in 12 months but not on 2 without injury", () => {
    const two = (injury: boolean) => [
      ed({ injury, arrivedAt: daysAgo(100, asOf) }),
      ed({ injury, arrivedAt: asOf }),
    ];
    expect(firedIds(emptyPicture({ edAttendances: two(true) }), asOf)).toContain(
      "ED_ATTENDANCE_PATTERN",
    );
    expect(firedIds(emptyPicture({ edAttendances: two(false) }), asOf)).not.toContain(
      "ED_ATTENDANCE_PATTERN",
    );
  });
});

describe("POLICE_DOMESTIC_ABUSE", () => {
  const da = (riskLevel: string, childPresent: boolean) =>
    police({ category: "DOMESTIC_ABUSE", riskLevel, childPresent });
  it("fires AMBER on MEDIUM risk, with or without the child present", () => {
    expect(firedIds(emptyPicture({ police: [da("MEDIUM", false)] }))).toEqual([
      "POLICE_DOMESTIC_ABUSE",
    ]);
  });
  it("fires on STANDARD risk only with the child present", () => {
    expect(firedIds(emptyPicture({ police: [da("STANDARD", true)] }))).toEqual([
      "POLICE_DOMESTIC_ABUSE",
    ]);
    expect(firedIds(emptyPicture({ police: [da("STANDARD", false)] }))).toEqual([
      "POLICE_NOTIFICATION",
    ]);
  });
  it("leaves HIGH risk domestic abuse to POLICE_HIGH_RISK", () => {
    expect(firedIds(emptyPicture({ police: [da("HIGH", true)] }))).toEqual(["POLICE_HIGH_RISK"]);
  });
});

describe("school attendance: SEVERE_ABSENCE_OR_MISSING_EDUCATION and PERSISTENT_ABSENCE", () => {
  const rate = (attended: number) =>
    emptyPicture({
      schoolAttendances: [school({ possibleSessions: 1000, attendedSessions: attended })],
    });
  it("rates 89.9% attendance as persistent absence (GREEN)", () => {
    expect(firedIds(rate(899))).toEqual(["PERSISTENT_ABSENCE"]);
    expect(evaluate(rate(899), AS_OF).proposed).toBe("GREEN");
  });
  it("does not rate 90% attendance at all", () => {
    expect(firedIds(rate(900))).toEqual([]);
  });
  it("rates 49.9% as severe absence (AMBER) and 50% as persistent absence only", () => {
    expect(firedIds(rate(499))).toEqual(["SEVERE_ABSENCE_OR_MISSING_EDUCATION"]);
    expect(firedIds(rate(500))).toEqual(["PERSISTENT_ABSENCE"]);
  });
  it("rates missing education or a permanent exclusion AMBER whatever the attendance", () => {
    expect(
      firedIds(emptyPicture({ schoolAttendances: [school({ missingEducation: true })] })),
    ).toEqual(["SEVERE_ABSENCE_OR_MISSING_EDUCATION"]);
    expect(
      firedIds(emptyPicture({ schoolAttendances: [school({ permanentlyExcluded: true })] })),
    ).toEqual(["SEVERE_ABSENCE_OR_MISSING_EDUCATION"]);
  });
  it("reads only the most recent return", () => {
    const old = school({ attendedSessions: 400, periodEnd: new Date("2026-07-01T00:00:00Z") });
    const recent = school({ attendedSessions: 950 });
    expect(firedIds(emptyPicture({ schoolAttendances: [old, recent] }))).toEqual([]);
  });
  it("ignores a return with no possible sessions", () => {
    expect(
      firedIds(
        emptyPicture({ schoolAttendances: [school({ possibleSessions: 0, attendedSessions: 0 })] }),
      ),
    ).toEqual([]);
  });
});

describe("CPIS_PLAN_WHILE_EARLY_HELP", () => {
  it("fires AMBER for an active plan of any type while early help is open", () => {
    expect(
      firedIds(
        emptyPicture({ cpisPlans: [plan({ planType: "LAC" })], earlyHelpEpisodes: [earlyHelp()] }),
      ),
    ).toEqual(["CPIS_PLAN_WHILE_EARLY_HELP"]);
  });
  it("does not fire when the episode is closed or the plan ended", () => {
    expect(
      firedIds(
        emptyPicture({ cpisPlans: [plan()], earlyHelpEpisodes: [earlyHelp({ status: "CLOSED" })] }),
      ),
    ).toEqual([]);
    expect(
      firedIds(
        emptyPicture({ cpisPlans: [plan({ status: "ENDED" })], earlyHelpEpisodes: [earlyHelp()] }),
      ),
    ).toEqual([]);
  });
});

describe("POLICE_NOTIFICATION", () => {
  it("fires GREEN for a notification no other police rule explains, naming only that one", () => {
    const high = police({ riskLevel: "HIGH" });
    const asb = police({ category: "ANTI_SOCIAL_BEHAVIOUR" });
    expect(reason(emptyPicture({ police: [high, asb] }), "POLICE_NOTIFICATION")?.evidence).toEqual([
      asb.id,
    ]);
  });
});

describe("CUMULATIVE_CONCERN", () => {
  const twoAmber = () => [ed({ safeguardingConcern: true })];
  it("does not fire on 2 AMBER rules", () => {
    const p = emptyPicture({
      edAttendances: twoAmber(),
      police: [police({ category: "DOMESTIC_ABUSE", riskLevel: "MEDIUM" })],
    });
    expect(firedIds(p)).toEqual(["ED_SAFEGUARDING_CONCERN", "POLICE_DOMESTIC_ABUSE"]);
    expect(evaluate(p, AS_OF).proposed).toBe("AMBER");
  });
  it("fires RED on 3 AMBER rules, with their records as evidence", () => {
    const a = ed({ safeguardingConcern: true });
    const n = police({ category: "DOMESTIC_ABUSE", riskLevel: "MEDIUM" });
    const s = school({ missingEducation: true });
    const e = evaluate(
      emptyPicture({ edAttendances: [a], police: [n], schoolAttendances: [s] }),
      AS_OF,
    );
    expect(e.proposed).toBe("RED");
    const c = e.fired.find((f) => f.ruleId === "CUMULATIVE_CONCERN");
    expect(c?.evidence.sort()).toEqual([a.id, n.id, s.id].sort());
  });
});
