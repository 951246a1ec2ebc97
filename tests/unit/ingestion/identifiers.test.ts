import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import {
  isValidNhsNumber,
  isValidUpn,
  nhsCheckDigit,
  upnCheckLetter,
  UPN_CHECK_LETTERS,
} from "#identity/identifiers.ts";

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""));

describe("NHS numbers", () => {
  it("accepts the contract's example NHS number 943 476 5919", () => {
    expect(isValidNhsNumber("9434765919")).toBe(true);
  });

  it("rejects the contract's bad NHS number 9434765918", () => {
    expect(isValidNhsNumber("9434765918")).toBe(false);
  });

  it.each([
    ["", "empty"],
    ["943476591", "nine digits"],
    ["94347659190", "eleven digits"],
    ["943 476 5919", "spaced"],
    ["943476591A", "a letter"],
    ["-434765919", "a sign"],
  ])("rejects %j (%s)", (value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });

  it("treats a check result of 10 as invalid, whatever the last digit", () => {
    // 000000006: sum = 6 * 2 = 12, 11 - (12 % 11) = 10
    expect(nhsCheckDigit("000000006")).toBeUndefined();
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`000000006${d}`)).toBe(false);
  });

  it("uses 0 as the check digit when the check result is 11", () => {
    expect(nhsCheckDigit("000000000")).toBe(0);
    expect(isValidNhsNumber("0000000000")).toBe(true);
  });

  it("accepts every nine digits followed by their own check digit", () => {
    fc.assert(
      fc.property(digits(9), (nine) => {
        const check = nhsCheckDigit(nine);
        if (check === undefined) return true;
        return isValidNhsNumber(nine + String(check));
      }),
    );
  });

  it("rejects any number with one digit changed (modulus 11 catches single-digit errors)", () => {
    fc.assert(
      fc.property(
        digits(9),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (nine, position, delta) => {
          const check = nhsCheckDigit(nine);
          if (check === undefined) return true;
          const valid = nine + String(check);
          const changed =
            valid.slice(0, position) +
            String((Number(valid[position]) + delta) % 10) +
            valid.slice(position + 1);
          return !isValidNhsNumber(changed);
        },
      ),
    );
  });
});

describe("Unique Pupil Numbers", () => {
  it("accepts the contract's example UPN H801200001001 (check letter first)", () => {
    expect(isValidUpn("H801200001001")).toBe(true);
  });

  it("rejects the same digits with another check letter", () => {
    expect(isValidUpn("A801200001001")).toBe(false);
  });

  it.each([
    ["801200001001H", "check letter last"],
    ["h801200001001", "lower case"],
    ["H80120000100", "eleven digits"],
    ["H8012000010011", "thirteen digits"],
    ["", "empty"],
  ])("rejects %j (%s)", (value) => {
    expect(isValidUpn(value)).toBe(false);
  });

  it("never uses I, O or S as a check letter", () => {
    expect(UPN_CHECK_LETTERS).toHaveLength(23);
    expect(UPN_CHECK_LETTERS).not.toMatch(/[IOS]/);
    fc.assert(fc.property(digits(12), (d) => !/[IOS]/.test(upnCheckLetter(d) ?? "I")));
  });

  it("accepts any 12 digits behind their own check letter and no other letter", () => {
    fc.assert(
      fc.property(digits(12), fc.constantFrom(...UPN_CHECK_LETTERS.split("")), (d, letter) => {
        const own = upnCheckLetter(d);
        return isValidUpn(`${letter}${d}`) === (letter === own);
      }),
    );
  });
});
