import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import {
  compareRecords,
  decide,
  THRESHOLDS,
  compareDateOfBirth,
  comparePostcode,
  compareGivenName,
} from "#identity/score.ts";
import { jaroWinkler } from "#identity/jaro-winkler.ts";
import { areNicknames, canonicalGivenName } from "#identity/nicknames.ts";
import {
  blockingKeys,
  oneDigitOff,
  postcodeSector,
  soundex,
  swapDayMonth,
} from "#identity/normalise.ts";

const amelia = {
  givenName: "Amelia",
  familyName: "Jones",
  dateOfBirth: "2019-03-02",
  postcode: "E1 6AN",
};

describe("comparing two records", () => {
  it("scores identical demographics above the link threshold and explains each part", () => {
    const s = compareRecords(amelia, amelia);
    expect(s.score).toBe(19);
    expect(s.matchedOn).toEqual([
      "givenName:exact:+4.0",
      "familyName:exact:+5.0",
      "dateOfBirth:exact:+7.0",
      "postcode:exact:+3.0",
    ]);
    expect(decide(s, undefined)).toBe("LINK");
  });

  it("links a one-letter typo in the given name with the same date of birth and postcode", () => {
    const s = compareRecords(amelia, { ...amelia, givenName: "Amelai" });
    expect(s.matchedOn[0]).toBe("givenName:typo:+2.0");
    expect(decide(s, undefined)).toBe("LINK");
  });

  it("sends twins (another given name, same family, birthday and address) to review, never a link", () => {
    const s = compareRecords(amelia, { ...amelia, givenName: "Olivia" });
    expect(s.score).toBeLessThan(THRESHOLDS.upper);
    expect(decide(s, undefined)).toBe("REVIEW");
  });

  it("makes a new child when the dates of birth differ outright", () => {
    const s = compareRecords(amelia, { ...amelia, dateOfBirth: "2016-07-21" });
    expect(decide(s, undefined)).toBe("NEW");
  });

  it("never links across different NHS numbers, however alike the rest", () => {
    const s = compareRecords(
      { ...amelia, nhsNumbers: ["9434765919"] },
      { ...amelia, nhsNumbers: ["9434765870"] },
    );
    expect(s.identifierConflict).toBe(true);
    expect(decide(s, undefined)).toBe("NEW");
  });

  it("scores an agreeing NHS number above any demographics", () => {
    const s = compareRecords(
      { nhsNumbers: ["9434765919"] },
      { ...amelia, nhsNumbers: ["9434765919"] },
    );
    expect(s.score).toBe(20);
  });

  it("sends two candidates both above the link threshold to review", () => {
    const s = compareRecords(amelia, amelia);
    expect(decide(s, s)).toBe("REVIEW");
  });

  it("leaves out fields missing on either side (neither for nor against)", () => {
    const s = compareRecords({ givenName: "Amelia", dateOfBirth: "2019-03-02" }, amelia);
    expect(s.matchedOn).toEqual(["givenName:exact:+4.0", "dateOfBirth:exact:+7.0"]);
  });

  it("is symmetric: comparing a with b scores the same as b with a", () => {
    const name = fc.constantFrom(
      "Amelia",
      "Amelai",
      "Millie",
      "Olivia",
      "Jones",
      "Jnoes",
      "",
      "Bill",
      "William",
    );
    const dob = fc.constantFrom("2019-03-02", "2019-02-03", "2018-03-02", "2016-07-21", "");
    const pc = fc.constantFrom("E1 6AN", "E1 6AB", "N16 0AA", "");
    const rec = fc.record({ givenName: name, familyName: name, dateOfBirth: dob, postcode: pc });
    fc.assert(
      fc.property(rec, rec, (a, b) => {
        expect(compareRecords(a, b).score).toBe(compareRecords(b, a).score);
      }),
    );
  });

  it("never scores a record against itself below the link threshold when all four fields are given", () => {
    const word = fc.stringMatching(/^[A-Z][a-z]{1,11}$/);
    fc.assert(
      fc.property(
        word,
        word,
        fc.date({ min: new Date("2000-01-01"), max: new Date("2026-01-01"), noInvalidDate: true }),
        (g, f, d) => {
          const r = {
            givenName: g,
            familyName: f,
            dateOfBirth: d.toISOString().slice(0, 10),
            postcode: "E1 6AN",
          };
          expect(decide(compareRecords(r, r), undefined)).toBe("LINK");
        },
      ),
    );
  });
});

describe("field comparisons", () => {
  it.each([
    ["Amelia", "amelia", "exact"],
    ["Bill", "William", "nickname"],
    ["Millie", "Amelia", "nickname"],
    ["Harriet", "Harriett", "typo"],
    ["Jon", "John", "nickname"],
    ["Mohammed", "Muhammad", "similar"],
    ["Amelia", "Olivia", "different"],
    ["", "Amelia", undefined],
  ])("given names %s and %s: %s", (a, b, expected) => {
    expect(compareGivenName(a, b)).toBe(expected);
  });

  it.each([
    ["2019-03-02", "2019-03-02", "exact"],
    ["2019-03-02", "2019-02-03", "swapped"],
    ["2019-03-02", "2018-03-02", "oneDigit"],
    ["2019-03-02", "2019-03-12", "oneDigit"],
    ["2019-03-02", "2017-05-02", "different"],
    ["2019-03-03", "2019-03-03", "exact"],
    [null, "2019-03-03", undefined],
  ])("dates of birth %s and %s: %s", (a, b, expected) => {
    expect(compareDateOfBirth(a, b)).toBe(expected);
  });

  it.each([
    ["E1 6AN", "e16an", "exact"],
    ["E1 6AN", "E1 6AB", "sector"],
    ["E1 6AN", "E1 7AN", "different"],
    ["SW1A 1AA", "SW1A 1ZZ", "sector"],
    ["E1 6AN", "", undefined],
  ])("postcodes %s and %s: %s", (a, b, expected) => {
    expect(comparePostcode(a, b)).toBe(expected);
  });
});

describe("name and date helpers", () => {
  it("computes Soundex as the standard does", () => {
    expect(soundex("Robert")).toBe("R163");
    expect(soundex("Rupert")).toBe("R163");
    expect(soundex("Ashcraft")).toBe("A261");
    expect(soundex("Tymczak")).toBe("T522");
    expect(soundex("Pfister")).toBe("P236");
    expect(soundex("O'Brien")).toBe(soundex("OBrien"));
    expect(soundex("")).toBe("");
  });

  it("gives typo'd and nicknamed names the same blocking keys", () => {
    expect(blockingKeys({ givenName: "Bill", familyName: "Jones" })).toEqual(
      blockingKeys({ givenName: "William", familyName: "Jnoes" }),
    );
  });

  it("cuts the postcode sector from the full postcode", () => {
    expect(postcodeSector("E1 6AN")).toBe("E1 6");
    expect(postcodeSector("sw1a1aa")).toBe("SW1A 1");
    expect(postcodeSector("E1")).toBeNull();
    expect(postcodeSector(null)).toBeNull();
  });

  it("swaps day and month only where both make a valid different date", () => {
    expect(swapDayMonth("2019-03-02")).toBe("2019-02-03");
    expect(swapDayMonth("2019-03-03")).toBeNull();
    expect(swapDayMonth("2019-03-13")).toBeNull();
    expect(swapDayMonth("2019-02-30")).toBeNull();
    expect(swapDayMonth("2019-04-31")).toBeNull();
  });

  it("says one digit off only for exactly one differing digit", () => {
    expect(oneDigitOff("2019-03-02", "2019-03-07")).toBe(true);
    expect(oneDigitOff("2019-03-02", "2019-03-02")).toBe(false);
    expect(oneDigitOff("2019-03-02", "2019-04-03")).toBe(false);
  });

  it("knows nicknames both ways and not for unrelated names", () => {
    expect(areNicknames("Liz", "Elizabeth")).toBe(true);
    expect(areNicknames("Elizabeth", "Beth")).toBe(true);
    expect(areNicknames("Liz", "Liz")).toBe(false);
    expect(areNicknames("Tom", "Jack")).toBe(false);
    expect(canonicalGivenName("Zoë")).toBe("zoe");
  });

  it("computes Jaro-Winkler as published", () => {
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.9611, 3);
    expect(jaroWinkler("dixon", "dicksonx")).toBeCloseTo(0.8133, 3);
    expect(jaroWinkler("abc", "xyz")).toBe(0);
    expect(jaroWinkler("", "")).toBe(0);
  });

  it("keeps Jaro-Winkler between 0 and 1 and symmetric", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const x = jaroWinkler(a, b);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1 + 1e-12);
        expect(x).toBeCloseTo(jaroWinkler(b, a), 10);
      }),
    );
  });
});
