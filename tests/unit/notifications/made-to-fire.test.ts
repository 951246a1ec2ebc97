import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { rulesMadeToFire, shouldNotify } from "#notifications/should-notify.ts";
import type { Evaluation, FiredRule, Rag } from "#rag/index.ts";

const rule = (ruleId: FiredRule["ruleId"], rag: Rag, evidence: string[]): FiredRule => ({
  ruleId,
  rag,
  description: ruleId,
  evidence,
});
const evaluation = (...fired: FiredRule[]): Evaluation => {
  const order: Rag[] = ["GREEN", "AMBER", "RED"];
  const proposed = fired.reduce<Rag | undefined>(
    (top, f) => (top === undefined || order.indexOf(f.rag) > order.indexOf(top) ? f.rag : top),
    undefined,
  );
  return { ruleVersion: 1, fired, proposed };
};
const none = new Set<string>();

describe("an event makes a notification only when it makes a rule fire", () => {
  const oldHighRisk = rule("POLICE_HIGH_RISK", "RED", ["police-2019"]);

  it("an old HIGH-risk police record does not re-notify on a later unrelated school return", () => {
    const ev = evaluation(oldHighRisk);
    const cause = {
      recordIdsFromEvent: new Set(["school-1"]),
      previouslyFired: new Set(["POLICE_HIGH_RISK"]),
    };
    expect(rulesMadeToFire(ev, cause)).toEqual([]);
    expect(shouldNotify(ev, true, cause)).toBe(false);
    expect(shouldNotify(ev, false, cause)).toBe(false);
  });

  it("a new police record cited by a rule that already fired does notify", () => {
    const ev = evaluation(rule("POLICE_HIGH_RISK", "RED", ["police-2019", "police-new"]));
    const cause = {
      recordIdsFromEvent: new Set(["police-new"]),
      previouslyFired: new Set(["POLICE_HIGH_RISK"]),
    };
    expect(shouldNotify(ev, false, cause)).toBe(true);
  });

  it("a rule that newly fires because of this event notifies even if it cites older records", () => {
    // the third AMBER rule to fire makes CUMULATIVE_CONCERN fire
    const ev = evaluation(rule("CUMULATIVE_CONCERN", "RED", ["a", "b", "c"]));
    const cause = { recordIdsFromEvent: none, previouslyFired: new Set(["ED_ATTENDANCE_PATTERN"]) };
    expect(shouldNotify(ev, false, cause)).toBe(true);
  });

  it("a GREEN rule the event caused notifies an open early help family only", () => {
    const ev = evaluation(oldHighRisk, rule("PERSISTENT_ABSENCE", "GREEN", ["school-1"]));
    const cause = {
      recordIdsFromEvent: new Set(["school-1"]),
      previouslyFired: new Set(["POLICE_HIGH_RISK"]),
    };
    expect(shouldNotify(ev, true, cause)).toBe(true);
    expect(shouldNotify(ev, false, cause)).toBe(false); // the RED is old news
  });

  it("the first assessment of a child counts every fired rule as caused", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom<[FiredRule["ruleId"], Rag]>(
            ["POLICE_NOTIFICATION", "GREEN"],
            ["ED_SAFEGUARDING_CONCERN", "AMBER"],
            ["REPEAT_MISSING", "RED"],
          ),
          { maxLength: 3 },
        ),
        (specs) => {
          const ev = evaluation(...specs.map(([id, rag]) => rule(id, rag, ["x"])));
          const caused = rulesMadeToFire(ev, { recordIdsFromEvent: none, previouslyFired: none });
          expect(caused).toEqual(ev.fired);
        },
      ),
    );
  });

  it("never notifies when the event caused nothing, whatever the picture", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom<Rag>("GREEN", "AMBER", "RED"), (open, rag) => {
        const ev = evaluation(rule("POLICE_NOTIFICATION", rag, ["old"]));
        const cause = {
          recordIdsFromEvent: new Set(["new"]),
          previouslyFired: new Set(["POLICE_NOTIFICATION"]),
        };
        expect(shouldNotify(ev, open, cause)).toBe(false);
      }),
    );
  });
});
