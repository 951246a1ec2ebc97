import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { evaluate, highestRag, ragRank } from "#rag/index.ts";
import type { ChildPicture, CpisPlanFact, EdAttendanceFact, PoliceFact } from "#rag/index.ts";
import { AS_OF } from "./picture-builder.ts";

const DAY = 86_400_000;
const when = fc.integer({ min: -800, max: 0 }).map((d) => new Date(AS_OF.getTime() + d * DAY));

const policeArb: fc.Arbitrary<PoliceFact> = fc.record({
  id: fc.uuid(),
  occurredAt: when,
  category: fc.constantFrom(
    "DOMESTIC_ABUSE",
    "MISSING_FROM_HOME",
    "PHYSICAL_ABUSE",
    "NEGLECT",
    "OTHER",
  ),
  riskLevel: fc.constantFrom("STANDARD", "MEDIUM", "HIGH"),
  childPresent: fc.boolean(),
});
const edArb: fc.Arbitrary<EdAttendanceFact> = fc.record({
  id: fc.uuid(),
  arrivedAt: when,
  injury: fc.boolean(),
  safeguardingConcern: fc.boolean(),
});
const planArb: fc.Arbitrary<CpisPlanFact> = fc.record({
  id: fc.uuid(),
  planType: fc.constantFrom("CPP", "LAC", "UCPP"),
  status: fc.constantFrom("ACTIVE", "ENDED"),
});
const pictureArb: fc.Arbitrary<ChildPicture> = fc.record({
  dateOfBirth: fc.option(
    fc.integer({ min: -3000, max: -1 }).map((d) => new Date(Date.UTC(2026, 10, 20) + d * DAY)),
    { nil: null },
  ),
  cpisPlans: fc.array(planArb, { maxLength: 2 }),
  police: fc.array(policeArb, { maxLength: 8 }),
  edAttendances: fc.array(edArb, { maxLength: 6 }),
  schoolAttendances: fc.constant([]),
  earlyHelpEpisodes: fc.array(
    fc.record({ id: fc.uuid(), status: fc.constantFrom("OPEN", "CLOSED"), openedAt: when }),
    { maxLength: 1 },
  ),
});

describe("rule evaluation, for any picture", () => {
  it("proposes exactly the highest rating of the rules that fired", () => {
    fc.assert(
      fc.property(pictureArb, (p) => {
        const e = evaluate(p, AS_OF);
        expect(e.proposed).toBe(highestRag(e.fired.map((f) => f.rag)));
      }),
    );
  });

  it("never lowers the rating when police, hospital or CP-IS records are added", () => {
    fc.assert(
      fc.property(
        pictureArb,
        fc.array(policeArb, { maxLength: 3 }),
        fc.array(edArb, { maxLength: 3 }),
        fc.array(planArb, { maxLength: 1 }),
        (p, morePolice, moreEd, morePlans) => {
          const before = evaluate(p, AS_OF).proposed;
          const after = evaluate(
            {
              ...p,
              police: [...p.police, ...morePolice],
              edAttendances: [...p.edAttendances, ...moreEd],
              cpisPlans: [...p.cpisPlans, ...morePlans],
            },
            AS_OF,
          ).proposed;
          expect(ragRank(after)).toBeGreaterThanOrEqual(ragRank(before));
        },
      ),
    );
  });

  it("gives every fired rule at least one piece of evidence drawn from the picture's own records", () => {
    fc.assert(
      fc.property(pictureArb, (p) => {
        const ids = new Set(
          [...p.police, ...p.edAttendances, ...p.cpisPlans, ...p.earlyHelpEpisodes].map(
            (r) => r.id,
          ),
        );
        for (const f of evaluate(p, AS_OF).fired) {
          expect(f.evidence.length).toBeGreaterThan(0);
          for (const id of f.evidence) expect(ids.has(id)).toBe(true);
        }
      }),
    );
  });

  it("rates any child with a police notification at least GREEN", () => {
    fc.assert(
      fc.property(pictureArb, policeArb, (p, n) => {
        expect(
          ragRank(evaluate({ ...p, police: [...p.police, n] }, AS_OF).proposed),
        ).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it("fires CUMULATIVE_CONCERN exactly when three or more AMBER rules fire", () => {
    fc.assert(
      fc.property(pictureArb, (p) => {
        const e = evaluate(p, AS_OF);
        const amber = e.fired.filter((f) => f.rag === "AMBER").length;
        expect(e.fired.some((f) => f.ruleId === "CUMULATIVE_CONCERN")).toBe(amber >= 3);
      }),
    );
  });
});
