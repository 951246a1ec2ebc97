// Rounds (domain/ingestion/rounds.ts): events stored and rated together must give what one event
// at a time would give — so a round never holds two events that share a child, a record or a
// family, and each child's events keep their order. A property over random batches.
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { splitIntoRounds } from "#ingestion/rounds.ts";

interface Item {
  n: number;
  keys: string[];
}

describe("splitting a batch into rounds", () => {
  it("puts events about different children in one round, in the batch's order", () => {
    const items = [
      { n: 1, keys: ["c:a"] },
      { n: 2, keys: ["c:b"] },
      { n: 3, keys: ["c:c"] },
    ];
    expect(splitIntoRounds(items).map((r) => r.map((i) => i.n))).toEqual([[1, 2, 3]]);
  });

  it("keeps a child's second event for a later round, and everything that shares a key with it", () => {
    const items = [
      { n: 1, keys: ["c:a"] },
      { n: 2, keys: ["c:a"] },
      { n: 3, keys: ["c:b", "c:a"] }, // a sibling rated with a: after a's second event
      { n: 4, keys: ["c:d"] },
    ];
    expect(splitIntoRounds(items).map((r) => r.map((i) => i.n))).toEqual([[1, 4], [2], [3]]);
  });

  it("never puts two events sharing a key in one round, and keeps every key's events in order", () => {
    const keys = fc.constantFrom("c:a", "c:b", "c:c", "c:d", "r:x", "h:f");
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(keys, { minLength: 1, maxLength: 3 }), { maxLength: 40 }),
        (lists) => {
          const items: Item[] = lists.map((k, n) => ({ n, keys: k }));
          const rounds = splitIntoRounds(items);
          expect(
            rounds
              .flat()
              .map((i) => i.n)
              .sort((a, b) => a - b),
          ).toEqual(items.map((i) => i.n));
          const roundOf = new Map<number, number>();
          rounds.forEach((r, ri) => {
            const seen = new Set<string>();
            for (const item of r) {
              roundOf.set(item.n, ri);
              for (const k of item.keys) {
                expect(seen.has(k)).toBe(false);
                seen.add(k);
              }
            }
          });
          // two events sharing a key: the earlier one is in an earlier round
          for (const a of items) {
            for (const b of items) {
              if (a.n < b.n && a.keys.some((k) => b.keys.includes(k))) {
                expect(roundOf.get(a.n)!).toBeLessThan(roundOf.get(b.n)!);
              }
            }
          }
        },
      ),
    );
  });
});
