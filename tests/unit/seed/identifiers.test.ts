import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { isValidNhsNumber, isValidUpn, nhsCheckDigit } from "#identity/identifiers.ts";
import { makeNhsNumber, makeUpn } from "#seed/identifiers.ts";

describe("synthetic NHS numbers", () => {
  it("every generated NHS number passes the hub's modulus-11 validator", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (n) => {
        const nhs = makeNhsNumber(n);
        expect(nhs).toMatch(/^9\d{9}$/);
        expect(isValidNhsNumber(nhs)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("different counters never give the same NHS number", () => {
    const seen = new Set<string>();
    for (let n = 0; n < 200_000; n++) seen.add(makeNhsNumber(n));
    expect(seen.size).toBe(200_000);
  });

  it("the published example 943 476 5919 is valid and a changed digit is not", () => {
    expect(isValidNhsNumber("9434765919")).toBe(true);
    expect(isValidNhsNumber("9434765918")).toBe(false);
    expect(isValidNhsNumber("943476591")).toBe(false);
    expect(isValidNhsNumber("94347659190")).toBe(false);
    expect(isValidNhsNumber("943476591X")).toBe(false);
  });

  it("a check result of 10 means no valid NHS number exists for those nine digits", () => {
    // 10×0 + … chosen so that 11 − (sum mod 11) = 10: sum ≡ 1 (mod 11); "000000001" has sum 2, "100000000" sum 10
    const prefixes = Array.from({ length: 2000 }, (_, i) => String(400000000 + i * 37));
    const invalid = prefixes.filter((p) => nhsCheckDigit(p) === undefined);
    expect(invalid.length).toBeGreaterThan(0);
    for (const p of invalid)
      for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`${p}${d}`)).toBe(false);
  });

  it("counters outside 0 … 9,999,999 are refused", () => {
    expect(() => makeNhsNumber(-1)).toThrow();
    expect(() => makeNhsNumber(10_000_000)).toThrow();
    expect(() => makeNhsNumber(1.5)).toThrow();
  });
});

describe("synthetic UPNs", () => {
  const parts = fc.record({
    laCode: fc.integer({ min: 0, max: 999 }),
    school: fc.integer({ min: 0, max: 9999 }),
    year: fc.integer({ min: 0, max: 99 }),
    serial: fc.integer({ min: 0, max: 999 }),
  });

  it("every generated UPN passes the hub's check-letter validator", () => {
    fc.assert(
      fc.property(parts, (p) => {
        const upn = makeUpn(p);
        expect(upn).toMatch(/^[ABCDEFGHJKLMNPQRTUVWXYZ]\d{12}$/);
        expect(isValidUpn(upn)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("the UPN holds the LA code, school, year and serial in order", () => {
    expect(makeUpn({ laCode: 801, school: 2000, year: 1, serial: 1 }).slice(1)).toBe(
      "801200001001",
    );
    expect(makeUpn({ laCode: 7, school: 12, year: 3, serial: 4 }).slice(1)).toBe("007001203004");
  });

  it("the contract's example UPN H801200001001 is valid, and another letter is not", () => {
    expect(isValidUpn("H801200001001")).toBe(true);
    expect(isValidUpn("A801200001001")).toBe(false);
  });

  it("a part out of range is refused rather than truncated", () => {
    expect(() => makeUpn({ laCode: 1000, school: 1, year: 1, serial: 1 })).toThrow();
    expect(() => makeUpn({ laCode: 1, school: 10000, year: 1, serial: 1 })).toThrow();
    expect(() => makeUpn({ laCode: 1, school: 1, year: 100, serial: 1 })).toThrow();
    expect(() => makeUpn({ laCode: 1, school: 1, year: 1, serial: -1 })).toThrow();
  });
});
