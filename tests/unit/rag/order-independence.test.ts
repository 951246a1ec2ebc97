// rag-rules.md version 2, "A child's picture, not the order of arrival": any permutation of a set
// of events, and any split of them over partitions, gives the same final rating and the same
// fired rules. The model below folds events into a picture as the hub stores them (one record
// per agency key; a change never overwrites one from a later event, by time and then the
// agency's event id, as connectors/shared/upsert-rows.ts does) and rates the child after every event, as ingestion (notifications/rate-events.ts) does; the last
// rating is the child's.
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { evaluate, RULE_SET_V1, RULE_SET_V2 } from "#rag/index.ts";
import type { ChildPicture, Evaluation } from "#rag/index.ts";
import { AS_OF } from "./picture-builder.ts";

const DAY = 86_400_000;

type AgencyEvent = { eventId: string } & (
  | {
      kind: "police";
      key: string;
      at: number;
      category: string;
      riskLevel: string;
      childPresent: boolean;
    }
  | {
      kind: "ed";
      key: string;
      at: number;
      injury: boolean;
      concern: boolean;
      snomed: string | null;
    }
  | {
      kind: "plan";
      key: string;
      at: number;
      sibling: boolean;
      planType: string;
      status: string;
      endDaysAgo: number;
    }
);

interface Stored {
  at: number;
  eventId: string;
  event: AgencyEvent;
}

function fold(events: readonly AgencyEvent[]): ChildPicture {
  const rows = new Map<string, Stored>();
  for (const event of events) {
    const id = `${event.kind}:${event.key}`;
    const prev = rows.get(id);
    const newer =
      !prev || prev.at < event.at || (prev.at === event.at && prev.eventId <= event.eventId);
    if (newer) rows.set(id, { at: event.at, eventId: event.eventId, event });
  }
  const byTime =
    <T extends { id: string }>(time: (x: T) => number) =>
    (a: T, b: T) =>
      time(a) - time(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const picture: Required<ChildPicture> = {
    dateOfBirth: new Date("2012-05-01T00:00:00Z"),
    cpisPlans: [],
    householdPlans: [],
    police: [],
    edAttendances: [],
    schoolAttendances: [],
    earlyHelpEpisodes: [],
    referrals: [],
  };
  for (const [id, { event: e }] of rows) {
    if (e.kind === "police") {
      picture.police.push({
        id,
        occurredAt: new Date(e.at),
        category: e.category,
        riskLevel: e.riskLevel,
        childPresent: e.childPresent,
      });
    } else if (e.kind === "ed") {
      picture.edAttendances.push({
        id,
        arrivedAt: new Date(e.at),
        injury: e.injury,
        safeguardingConcern: e.concern,
        chiefComplaintSnomed: e.snomed,
      });
    } else {
      const plan = {
        id,
        planType: e.planType,
        status: e.status,
        endDate: e.status === "ENDED" ? new Date(AS_OF.getTime() - e.endDaysAgo * DAY) : null,
      };
      if (e.sibling) picture.householdPlans.push({ ...plan, personId: "sibling" });
      else picture.cpisPlans.push(plan);
    }
  }
  picture.police.sort(byTime((x) => x.occurredAt.getTime()));
  picture.edAttendances.sort(byTime((x) => x.arrivedAt.getTime()));
  picture.cpisPlans.sort(byTime(() => 0));
  picture.householdPlans.sort(byTime(() => 0));
  return picture;
}

const when = fc.integer({ min: 0, max: 420 }).map((d) => AS_OF.getTime() - d * DAY);
const key = fc.constantFrom("a", "b", "c", "d", "e", "f");
const recordArb = fc.oneof(
  fc.record({
    kind: fc.constant("police" as const),
    key,
    at: when,
    category: fc.constantFrom("DOMESTIC_ABUSE", "MISSING_FROM_HOME", "NEGLECT", "OTHER"),
    riskLevel: fc.constantFrom("STANDARD", "MEDIUM", "HIGH"),
    childPresent: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("ed" as const),
    key,
    at: when,
    injury: fc.boolean(),
    concern: fc.boolean(),
    snomed: fc.constantFrom(null, "248062006", "248110007", "125605004"),
  }),
  fc.record({
    kind: fc.constant("plan" as const),
    key: fc.constantFrom("CPP", "UCPP", "LAC"),
    at: when,
    sibling: fc.boolean(),
    planType: fc.constantFrom("CPP", "UCPP", "LAC"),
    status: fc.constantFrom("ACTIVE", "ENDED"),
    endDaysAgo: fc.integer({ min: 0, max: 400 }),
  }),
);
/** The events as some partitions deliver them: split, each partition in its own order, interleaved. */
const deliveryArb = (events: AgencyEvent[]) =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 3 }), {
        minLength: events.length,
        maxLength: events.length,
      }),
      fc.array(fc.nat(), { minLength: events.length, maxLength: events.length }),
      fc.array(fc.nat(), { minLength: events.length, maxLength: events.length }),
    )
    .map(([partitionOf, shuffle, pick]) => {
      const partitions: AgencyEvent[][] = [[], [], [], []];
      events.forEach((e, i) => partitions[partitionOf[i] as number]!.push(e));
      for (const p of partitions) {
        for (let i = p.length - 1; i > 0; i--) {
          const j = (shuffle[i] as number) % (i + 1);
          [p[i], p[j]] = [p[j] as AgencyEvent, p[i] as AgencyEvent];
        }
      }
      const order: AgencyEvent[] = [];
      for (let i = 0; order.length < events.length; i++) {
        const open = partitions.filter((p) => p.length > 0);
        order.push(open[(pick[i] as number) % open.length]!.shift() as AgencyEvent);
      }
      return order;
    });

/** Rates after every event, as the hub does; the child's rating is the last one. */
function lastRating(
  order: readonly AgencyEvent[],
  rate: (p: ChildPicture, e: AgencyEvent) => Evaluation,
) {
  let last: Evaluation | undefined;
  for (let i = 1; i <= order.length; i++) last = rate(fold(order.slice(0, i)), order[i - 1]!);
  return last;
}

const summary = (e: Evaluation | undefined) => ({
  proposed: e?.proposed,
  fired: e?.fired.map((f) => [f.ruleId, f.rag, f.evidence]),
});

describe("version 2 rates the child's picture, not the order of arrival", () => {
  it("gives the same final rating and fired rules for any order and any split over partitions", () => {
    fc.assert(
      fc.property(
        fc
          .array(recordArb, { minLength: 1, maxLength: 12 })
          .map((records) => records.map((r, i) => ({ ...r, eventId: `E${i}` }) as AgencyEvent))
          .chain((events) =>
            fc.tuple(fc.constant(events), deliveryArb(events), deliveryArb(events)),
          ),
        ([events, first, second]) => {
          const rate = (p: ChildPicture) => evaluate(p, AS_OF, RULE_SET_V2);
          const expected = summary(rate(fold(events)));
          expect(summary(lastRating(first, rate))).toEqual(expected);
          expect(summary(lastRating(second, rate))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("where version 1, counting from each event, depends on the order (the contract's two examples)", () => {
    const da: AgencyEvent = {
      eventId: "9b2e6f0a",
      kind: "police",
      key: "MER-2026-0012345",
      at: Date.parse("2026-11-20T21:14:00Z"),
      category: "DOMESTIC_ABUSE",
      riskLevel: "MEDIUM",
      childPresent: true,
    };
    const cpp: AgencyEvent = {
      eventId: "c7b1e0d2",
      kind: "plan",
      key: "CPP",
      at: Date.parse("2026-10-01T09:00:00Z"),
      sibling: false,
      planType: "CPP",
      status: "ACTIVE",
      endDaysAgo: 0,
    };
    const v1 = (p: ChildPicture, e: AgencyEvent) => evaluate(p, new Date(e.at), RULE_SET_V1);
    expect(lastRating([cpp, da], v1)?.proposed).toBe("RED");
    expect(lastRating([da, cpp], v1)?.proposed).toBe("AMBER");
    const v2 = (p: ChildPicture) => evaluate(p, AS_OF, RULE_SET_V2);
    expect(lastRating([cpp, da], v2)?.proposed).toBe("RED");
    expect(lastRating([da, cpp], v2)?.proposed).toBe("RED");
  });
});
