// The bench's and the integration tests' agency event stream: realistic, varied identities (so
// that identity blocks stay small), the promised mix of duplicates, bad messages and conflicts,
// reproducible by its seed, and a truth that agrees with every event it describes.
import { describe, expect, it } from "@jest/globals";
import { planStream, type StreamMessage } from "../../integration/ingestion/event-stream.ts";
import type { StreamChild } from "../../integration/ingestion/stream-children.ts";
import { blockingKeys, soundex, swapDayMonth } from "#identity/normalise.ts";
import { compareRecords, decide } from "#identity/score.ts";
import { NICKNAMES } from "#seed/names.ts";
import { isValidNhsNumber, isValidUpn } from "#identity/identifiers.ts";
import { validateEvent } from "#ingestion/validate-event.ts";
import { AGENCY_TOPICS } from "#consumers/topic-names.ts";
import type { AgencyName } from "#auth/viewer.ts";

const plan = planStream(20_000, 5);
const valid = plan.messages.filter((m) => m.kind === "VALID");
const body = (m: StreamMessage) => JSON.parse(m.value.toString()) as Event;

interface Event {
  eventId: string;
  source: string;
  occurredAt: string;
  subject: {
    sourcePersonId: string;
    nhsNumber?: string | null;
    upn?: string;
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    postcode: string;
  };
}

/** Levenshtein distance, with an adjacent swap counted as one slip. */
function slips(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  return (d[a.length] as number[])[b.length] as number;
}

describe("the agency event stream", () => {
  it("keeps the promised mix: 10% redelivered duplicates, 3% bad messages, 0.5% conflicts", () => {
    const count = (kind: StreamMessage["kind"]) =>
      plan.messages.filter((m) => m.kind === kind).length;
    expect(plan.messages).toHaveLength(20_000);
    expect(count("DUPLICATE")).toBe(2_000);
    expect(count("BAD")).toBe(600);
    expect(count("CONFLICT")).toBe(100);
    expect(count("VALID")).toBe(plan.distinctValid);
    expect(plan.distinctValid).toBe(17_300);
    const ids = valid.map((m) => `${m.topic}|${body(m).eventId}`);
    expect(new Set(ids).size).toBe(ids.length);
    const byId = new Map(valid.map((m) => [`${m.topic}|${body(m).eventId}`, m.value.toString()]));
    for (const m of plan.messages.filter((x) => x.kind === "DUPLICATE"))
      expect(byId.get(`${m.topic}|${body(m).eventId}`)).toBe(m.value.toString());
    for (const m of plan.messages.filter((x) => x.kind === "CONFLICT")) {
      const original = byId.get(`${m.topic}|${body(m).eventId}`);
      expect(original).toBeDefined();
      expect(original).not.toBe(m.value.toString());
    }
  });

  it("sends valid events the hub accepts and bad messages it rejects", () => {
    const sourceOf = new Map(
      Object.entries(AGENCY_TOPICS).map(([source, topic]) => [topic, source as AgencyName]),
    );
    const check = (m: StreamMessage) =>
      validateEvent(m.value, {
        maxBytes: 256_000,
        now: new Date(),
        expectedSource: sourceOf.get(m.topic) as AgencyName,
      });
    for (const m of valid) {
      const result = check(m);
      expect(result.ok ? [] : result.issues).toEqual([]);
    }
    const bad = plan.messages.filter((m) => m.kind === "BAD");
    for (const m of bad) expect(check(m).ok).toBe(false);
  });

  it("is the same stream for the same seed and a different one for another", () => {
    const again = planStream(3_000, 5);
    const first = planStream(3_000, 5);
    expect(again.messages.map((m) => m.value.toString())).toEqual(
      first.messages.map((m) => m.value.toString()),
    );
    expect(again.children).toEqual(first.children);
    const other = planStream(3_000, 6);
    expect(other.children.map((c) => c.familyName)).not.toEqual(
      first.children.map((c) => c.familyName),
    );
  });

  it("keeps a stream planned apart (the bench's warm-up) from sharing any id with another", () => {
    const first = planStream(3_000, 5);
    const apart = planStream(3_000, 1005, undefined, { tag: "warm-", firstChild: 5_000_000 });
    const ids = (p: typeof first) => {
      const bodies = p.messages.flatMap((m) => {
        try {
          return [body(m)];
        } catch {
          return []; // a bad message cut short
        }
      });
      return {
        events: new Set(bodies.map((e) => `${e.source}|${e.eventId}`)),
        persons: new Set(bodies.map((e) => `${e.source}|${e.subject?.sourcePersonId}`)),
        nhs: new Set(p.children.map((c) => c.nhsNumber)),
        upns: new Set(p.children.map((c) => c.upn)),
        keys: new Set(p.messages.map((m) => `${m.topic}|${m.key}`)),
      };
    };
    const a = ids(first);
    const b = ids(apart);
    const shared = (x: Set<string>, y: Set<string>) => [...x].filter((v) => y.has(v));
    expect(shared(a.events, b.events)).toEqual([]);
    expect(shared(a.persons, b.persons).filter((p) => !p.endsWith("|undefined"))).toEqual([]);
    expect(shared(a.nhs, b.nhs)).toEqual([]);
    expect(shared(a.upns, b.upns)).toEqual([]);
    expect(shared(a.keys, b.keys)).toEqual([]);
    // the truth of the stream apart names its own children
    expect(apart.children[0]?.child).toBe(5_000_000);
    const truth = new Set(apart.children.map((c) => c.child));
    for (const m of apart.messages)
      if (m.child !== undefined) expect(truth.has(m.child)).toBe(true);
  });

  it("names children so that no family-name block holds 5% of them", () => {
    const blocks = new Map<string, number>();
    for (const c of plan.children) {
      const key = soundex(c.familyName);
      blocks.set(key, (blocks.get(key) ?? 0) + 1);
    }
    const largest = Math.max(...blocks.values());
    expect(largest / plan.children.length).toBeLessThan(0.05);
    expect(blocks.size).toBeGreaterThan(200);
    // the hub's narrowest name block (family and given name keys) holds a handful
    const pairs = new Map<string, number>();
    for (const c of plan.children) {
      const k = blockingKeys(c);
      const key = `${k.familyNameKey}|${k.givenNameKey}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    expect(Math.max(...pairs.values())).toBeLessThan(40);
    expect(new Set(plan.children.map((c) => c.givenName)).size).toBeGreaterThan(60);
  });

  it("spreads dates of birth over 0 to 17 years and gives every child valid identifiers", () => {
    const years = new Set(plan.children.map((c) => Number(c.dateOfBirth.slice(0, 4))));
    expect(Math.min(...years)).toBeLessThanOrEqual(2009);
    expect(Math.max(...years)).toBe(2026);
    expect(years.size).toBeGreaterThanOrEqual(18);
    for (const c of plan.children) {
      expect(isValidNhsNumber(c.nhsNumber)).toBe(true);
      expect(isValidUpn(c.upn)).toBe(true);
    }
    expect(new Set(plan.children.map((c) => c.nhsNumber)).size).toBe(plan.children.length);
    expect(new Set(plan.children.map((c) => c.postcode)).size).toBeGreaterThan(1_000);
  });

  it("describes every valid event's child as the truth has them, within the agency's variations", () => {
    const children = new Map(plan.children.map((c) => [c.child, c]));
    for (const m of valid) {
      const truth = children.get(m.child as number) as StreamChild;
      expect(truth).toBeDefined();
      const s = body(m).subject;
      if (s.nhsNumber) expect(s.nhsNumber).toBe(truth.nhsNumber);
      if (s.upn) expect(s.upn).toBe(truth.upn);
      expect([truth.dateOfBirth, swapDayMonth(truth.dateOfBirth)]).toContain(s.dateOfBirth);
      expect(slips(s.familyName, truth.familyName)).toBeLessThanOrEqual(1);
      const given =
        s.givenName === truth.givenName ||
        (NICKNAMES[truth.givenName] ?? []).includes(s.givenName) ||
        slips(s.givenName, truth.givenName) <= 1;
      expect([s.givenName, truth.givenName, given]).toEqual([s.givenName, truth.givenName, true]);
    }
    // one agency person id is always one child
    const owner = new Map<string, number>();
    for (const m of valid) {
      const key = `${m.topic}|${body(m).subject.sourcePersonId}`;
      expect(owner.get(key) ?? m.child).toBe(m.child);
      owner.set(key, m.child as number);
    }
  });

  it("shows a child to several agencies, so that exact, probabilistic and review matches all occur", () => {
    const agencies = new Map<number, Set<string>>();
    for (const r of plan.records)
      agencies.set(r.child, (agencies.get(r.child) ?? new Set()).add(r.source));
    const seenTwice = [...agencies.values()].filter((s) => s.size >= 2).length;
    expect(seenTwice / agencies.size).toBeGreaterThan(0.4);

    const outcomes = { exact: 0, LINK: 0, REVIEW: 0, NEW: 0 };
    const comparable = (s: (typeof plan.records)[number]["subject"]) => ({
      ...s,
      nhsNumbers: s.nhsNumber ? [s.nhsNumber] : [],
      upns: s.upn ? [s.upn] : [],
    });
    const byChild = new Map<number, typeof plan.records>();
    for (const r of plan.records) byChild.set(r.child, [...(byChild.get(r.child) ?? []), r]);
    for (const records of byChild.values())
      for (let a = 0; a < records.length; a++)
        for (let b = a + 1; b < records.length; b++) {
          const x = (records[a] as (typeof records)[number]).subject;
          const y = (records[b] as (typeof records)[number]).subject;
          if (x.nhsNumber && y.nhsNumber) outcomes.exact++;
          else outcomes[decide(compareRecords(comparable(x), comparable(y)), undefined)]++;
        }
    expect(outcomes.exact).toBeGreaterThan(1_000);
    expect(outcomes.LINK).toBeGreaterThan(1_000);
    expect(outcomes.REVIEW).toBeGreaterThan(50);
    // some records lack the NHS number, some carry typos and nicknames
    const variations = new Set(plan.records.flatMap((r) => r.variations));
    for (const v of ["MISSING_NHS_NUMBER", "FAMILY_NAME_TYPO", "NICKNAME", "SWAPPED_DAY_MONTH"])
      expect(variations).toContain(v);
    // and a few agencies hold a second record of one child
    expect(plan.records.some((r) => r.sourcePersonId.endsWith("-1"))).toBe(true);
  });
});
