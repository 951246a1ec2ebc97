import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "@jest/globals";
import { GENESIS_HASH, canonicalRow, chainHash, type ChainedFields } from "#audit/chain-hash.ts";

const KEY = "unit-test-audit-chain-key-0123456789abcdef";

const row = (over: Partial<ChainedFields> = {}): ChainedFields => ({
  id: "7b0c7f52-3f0e-4c1a-9d43-8a5d1f0f2b11",
  at: new Date("2026-11-23T10:00:00.123Z"),
  personId: "1f3c2b7a-9e8d-4c6b-a5f4-3e2d1c0b9a88",
  actor: "screener-1",
  role: "MASH_SCREENER",
  purpose: null,
  legalBasis: "CONSENT",
  disclosed: ["Child.givenName", "Query.child"],
  withheld: [],
  policyVersion: 1,
  criteria: [],
  resultCount: null,
  ...over,
});

describe("the access event hash chain", () => {
  it("the same row always hashes the same, whatever the order of its field lists", () => {
    expect(chainHash(KEY, GENESIS_HASH, row())).toBe(
      chainHash(KEY, GENESIS_HASH, row({ disclosed: ["Query.child", "Child.givenName"] })),
    );
    expect(chainHash(KEY, GENESIS_HASH, row())).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the hash depends on the previous hash", () => {
    expect(chainHash(KEY, GENESIS_HASH, row())).not.toBe(chainHash(KEY, "a".repeat(64), row()));
  });

  it("property: changing any field changes the hash", () => {
    const edits: Array<(r: ChainedFields) => ChainedFields> = [
      (r) => ({ ...r, actor: `${r.actor}x` }),
      (r) => ({ ...r, role: "MASH_MANAGER" }),
      (r) => ({ ...r, purpose: `${r.purpose ?? ""}x` }),
      (r) => ({ ...r, legalBasis: null }),
      (r) => ({ ...r, disclosed: [...r.disclosed, "Child.upn"] }),
      (r) => ({ ...r, withheld: ["PoliceNotification.summary"] }),
      (r) => ({ ...r, at: new Date(r.at.getTime() + 1) }),
      (r) => ({ ...r, policyVersion: r.policyVersion + 1 }),
      (r) => ({ ...r, personId: String(r.personId).replace("1", "2") }),
      (r) => ({ ...r, personId: null }),
      (r) => ({ ...r, criteria: ["nhsNumber"] }),
      (r) => ({ ...r, resultCount: 0 }),
    ];
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.constantFrom(...edits), (actor, purpose, edit) => {
        const r = row({ actor, purpose });
        expect(chainHash(KEY, GENESIS_HASH, edit(r))).not.toBe(chainHash(KEY, GENESIS_HASH, r));
      }),
    );
  });

  it("a search's criteria and count are chained; a disclosure's row is what it was before searches", () => {
    const search = row({ personId: null, criteria: ["nhsNumber"], resultCount: 1 });
    expect(chainHash(KEY, GENESIS_HASH, search)).not.toBe(
      chainHash(KEY, GENESIS_HASH, { ...search, resultCount: 2 }),
    );
    expect(chainHash(KEY, GENESIS_HASH, search)).not.toBe(
      chainHash(KEY, GENESIS_HASH, { ...search, criteria: ["dateOfBirth", "nhsNumber"] }),
    );
    expect(JSON.parse(canonicalRow(row()))).toHaveLength(10);
  });

  it("is keyed: without the key the same row and link give another hash", () => {
    const unkeyed = createHash("sha256")
      .update(GENESIS_HASH + canonicalRow(row()))
      .digest("hex");
    expect(chainHash(KEY, GENESIS_HASH, row())).not.toBe(unkeyed);
    expect(chainHash(KEY, GENESIS_HASH, row())).not.toBe(chainHash(`${KEY}x`, GENESIS_HASH, row()));
  });

  it("field boundaries are unambiguous (no concatenation collisions)", () => {
    expect(canonicalRow(row({ actor: "ab", role: "c" }))).not.toBe(
      canonicalRow(row({ actor: "a", role: "bc" })),
    );
  });
});
