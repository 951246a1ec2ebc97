// Block locks (domain/identity/blocks.ts): two batches that could each make a child of one person
// must wait for each other. That holds when any child one subject's candidates query would find is
// a subject sharing one of its lock keys — checked over random names, dates and postcodes.
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { blockArms, blockLockKeys, type BlockQuery } from "#identity/blocks.ts";
import { blockingKeys, swapDayMonth } from "#identity/normalise.ts";

const subject = fc.record({
  givenName: fc.constantFrom("Amelia", "Amelie", "Olivia", "Oliver", "Mohammed", "Muhammad", "Ava"),
  familyName: fc.constantFrom("Smith", "Smyth", "Khan", "Kahn", "Jones", "Okafor", "Nowak"),
  dateOfBirth: fc.constantFrom(
    "2015-03-04",
    "2015-04-03",
    "2016-11-12",
    "2016-12-11",
    "2019-01-20",
  ),
  postcode: fc.constantFrom("LS6 2AB", "LS6 2XY", "BD1 1AA", "M14 5QT"),
});

/** Would the candidates query of `s` (candidates.ts) find the child `c`? */
function finds(s: BlockQuery, c: BlockQuery): boolean {
  const a = blockArms(s);
  const k = blockingKeys(c);
  return (
    c.dateOfBirth === a.dob ||
    (!!a.swappedDob && c.dateOfBirth === a.swappedDob) ||
    (!!a.familyGiven &&
      k.familyNameKey === a.familyGiven[0] &&
      k.givenNameKey === a.familyGiven[1]) ||
    (!!a.familyPostcode &&
      k.familyNameKey === a.familyPostcode[0] &&
      k.postcodeSector === a.familyPostcode[1])
  );
}

describe("identity block locks", () => {
  it("makes two subjects that could be one child share a lock", () => {
    fc.assert(
      fc.property(subject, subject, (s, c) => {
        if (!finds(s, c)) return;
        const mine = new Set(blockLockKeys(blockArms(s)));
        expect(blockLockKeys(blockArms(c)).some((key) => mine.has(key))).toBe(true);
      }),
    );
  });

  it("reads a day-and-month swapped date of birth as its own block", () => {
    const arms = blockArms({ givenName: "Ava", familyName: "Nowak", dateOfBirth: "2015-03-04" });
    expect(arms.swappedDob).toBe(swapDayMonth("2015-03-04"));
    expect(blockLockKeys(arms)).toContain("d:2015-04-03");
  });
});
