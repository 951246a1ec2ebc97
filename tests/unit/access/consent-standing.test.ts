import fc from "fast-check";
import { describe, expect, it } from "@jest/globals";
import { consentStanding, type ConsentView } from "#access/consent-standing.ts";

const NOW = new Date("2026-11-23T12:00:00Z");
const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000);
const rec = (over: Partial<ConsentView>): ConsentView => ({
  status: "GIVEN",
  scope: ["POLICE"],
  legalBasis: "CONSENT",
  justification: null,
  recordedRole: "MASH_SCREENER",
  recordedAt: at(10),
  expiresAt: null,
  ...over,
});
const override = (over: Partial<ConsentView> = {}) =>
  rec({
    status: "OVERRIDDEN",
    legalBasis: "PUBLIC_INTEREST",
    justification: "Risk to other children in the household.",
    recordedRole: "MASH_MANAGER",
    ...over,
  });

describe("consent standing for one agency", () => {
  it("no record is no consent", () => {
    expect(consentStanding([], "POLICE", NOW, true)).toEqual({ kind: "NONE" });
  });

  it("consent given covers the agencies in its scope only", () => {
    expect(consentStanding([rec({})], "POLICE", NOW, true).kind).toBe("GIVEN");
    expect(consentStanding([rec({})], "HEALTH", NOW, true).kind).toBe("NONE");
  });

  it("consent expires at its expiry instant exactly", () => {
    expect(consentStanding([rec({ expiresAt: NOW })], "POLICE", NOW, true).kind).toBe("NONE");
    expect(
      consentStanding([rec({ expiresAt: new Date(NOW.getTime() + 1) })], "POLICE", NOW, true).kind,
    ).toBe("GIVEN");
  });

  it("the latest record wins: a withdrawal after consent leaves none", () => {
    const rs = [rec({ recordedAt: at(20) }), rec({ status: "WITHDRAWN", recordedAt: at(5) })];
    expect(consentStanding(rs, "POLICE", NOW, true).kind).toBe("NONE");
    expect(consentStanding([...rs].reverse(), "POLICE", NOW, true).kind).toBe("NONE");
  });

  it("a refusal is respected until a valid override", () => {
    const refused = rec({ status: "REFUSED", recordedAt: at(20) });
    expect(consentStanding([refused], "POLICE", NOW, true).kind).toBe("REFUSED");
    expect(consentStanding([refused, override()], "POLICE", NOW, true)).toEqual({
      kind: "OVERRIDE",
      legalBasis: "PUBLIC_INTEREST",
    });
  });

  it("an override does not count for early help roles: the refusal beneath it stands", () => {
    const refused = rec({ status: "REFUSED", recordedAt: at(20) });
    expect(consentStanding([refused, override()], "POLICE", NOW, false).kind).toBe("REFUSED");
  });

  it("an override not by a MASH manager, on the wrong basis, or barely justified does not count", () => {
    const refused = rec({ status: "REFUSED", recordedAt: at(20) });
    for (const bad of [
      override({ recordedRole: "MASH_SCREENER" }),
      override({ legalBasis: "CONSENT" }),
      override({ legalBasis: "S17_CHILD_IN_NEED" }),
      override({ justification: "x".repeat(19) }),
      override({ justification: `   ${"x".repeat(19)}   ` }),
      override({ justification: null }),
      // twenty letters, or twenty zero-width spaces, say nothing
      override({ justification: "a".repeat(20) }),
      override({ justification: "\u200B".repeat(20) }),
      override({ justification: `Risk\u200B${"\u200D".repeat(30)} to\u2060 child` }),
    ]) {
      expect(consentStanding([refused, bad], "POLICE", NOW, true).kind).toBe("REFUSED");
    }
    expect(
      consentStanding(
        [refused, override({ justification: "Strategy meeting found risk of harm" })],
        "POLICE",
        NOW,
        true,
      ).kind,
    ).toBe("OVERRIDE");
  });

  it("property: the answer depends only on the latest applicable record", () => {
    const status = fc.constantFrom("GIVEN", "REFUSED", "NOT_SOUGHT", "WITHDRAWN" as const);
    fc.assert(
      fc.property(
        fc.array(fc.record({ status, minutesAgo: fc.integer({ min: 1, max: 10_000 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        (items) => {
          const distinct = [...new Map(items.map((i) => [i.minutesAgo, i])).values()];
          const records = distinct.map((i) =>
            rec({ status: i.status, recordedAt: at(i.minutesAgo) }),
          );
          const latest = [...distinct].sort((a, b) => a.minutesAgo - b.minutesAgo)[0]!;
          const expected =
            latest.status === "GIVEN" ? "GIVEN" : latest.status === "REFUSED" ? "REFUSED" : "NONE";
          expect(consentStanding(records, "POLICE", NOW, true).kind).toBe(expected);
        },
      ),
    );
  });
});
