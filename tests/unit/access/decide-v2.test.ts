// access.md "Version 2": REFERRAL_DETAIL, DECISION, management information, and the category of
// a record (ChronologyEntry.summary) — decided per object.
import { describe, expect, it } from "@jest/globals";
import type { AgencyName } from "#auth/viewer.ts";
import { Role } from "#auth/viewer.ts";
import type { ConsentStanding } from "#access/consent-standing.ts";
import { decide, withheldMessage, type ChildFacts } from "#access/decide.ts";
import { effectiveCategory, madeByCaller } from "#access/record-facts.ts";

const ROLES = Role.options;
const GIVEN: ConsentStanding = { kind: "GIVEN", legalBasis: "CONSENT" };
const NONE: ConsentStanding = { kind: "NONE" };
/** Consent standing per agency (early help roles: overridesApply false). */
const child = (related: boolean, byAgency: Partial<Record<AgencyName, ConsentStanding>>) =>
  ({
    related,
    consent: (agency: AgencyName) => byAgency[agency] ?? NONE,
  }) satisfies ChildFacts;
const ask = (
  role: (typeof ROLES)[number],
  category: Parameters<typeof decide>[0]["category"],
  facts: ChildFacts | undefined,
  madeByCaller = false,
) =>
  decide({
    role,
    category,
    typeName: "Referral",
    fieldName: "concerns",
    child: facts,
    madeByCaller,
  });

describe("REFERRAL_DETAIL", () => {
  it("is open to MASH roles whatever the consent", () => {
    for (const role of ["MASH_SCREENER", "MASH_MANAGER"] as const) {
      expect(ask(role, "REFERRAL_DETAIL", child(false, {})).allow).toBe(true);
    }
  });

  it("is open to an early help role of the family with consent covering EARLY_HELP", () => {
    for (const role of ["EARLY_HELP_MANAGER", "LEAD_PROFESSIONAL"] as const) {
      expect(ask(role, "REFERRAL_DETAIL", child(true, { EARLY_HELP: GIVEN }))).toEqual({
        allow: true,
        legalBasis: "CONSENT",
      });
      // consent covering another agency does not do
      expect(ask(role, "REFERRAL_DETAIL", child(true, { POLICE: GIVEN }))).toEqual({
        allow: false,
        reason: "NO_CONSENT",
      });
      expect(
        ask(role, "REFERRAL_DETAIL", child(true, { EARLY_HELP: { kind: "REFUSED" } })),
      ).toEqual({ allow: false, reason: "CONSENT_REFUSED" });
    }
  });

  it("is open to the early help user who made the referral, without consent", () => {
    expect(ask("EARLY_HELP_MANAGER", "REFERRAL_DETAIL", child(true, {}), true).allow).toBe(true);
  });

  it("is never open to an early help role outside the family, even for what they made", () => {
    expect(ask("EARLY_HELP_MANAGER", "REFERRAL_DETAIL", child(false, {}), true)).toEqual({
      allow: false,
      reason: "NO_RELATIONSHIP",
    });
  });

  it("is closed to agency systems and auditors", () => {
    for (const role of ["AGENCY_SYSTEM", "AUDITOR"] as const) {
      expect(ask(role, "REFERRAL_DETAIL", child(true, { EARLY_HELP: GIVEN }), true)).toEqual({
        allow: false,
        reason: "ROLE",
      });
    }
  });

  it("says which consent is missing", () => {
    expect(withheldMessage("REFERRAL_DETAIL", "NO_CONSENT")).toBe(
      "Withheld: no consent covering EARLY_HELP information",
    );
  });
});

describe("DECISION", () => {
  it("is open to MASH roles and to early help roles of the family", () => {
    const allowed = ROLES.filter((role) => ask(role, "DECISION", child(true, {})).allow);
    expect(allowed).toEqual([
      "MASH_SCREENER",
      "MASH_MANAGER",
      "EARLY_HELP_MANAGER",
      "LEAD_PROFESSIONAL",
    ]);
    expect(ask("LEAD_PROFESSIONAL", "DECISION", child(false, {})).allow).toBe(false);
  });
});

describe("MANAGEMENT", () => {
  it("is for MASH managers and auditors only", () => {
    const allowed = ROLES.filter((role) => ask(role, "MANAGEMENT", undefined).allow);
    expect(allowed).toEqual(["MASH_MANAGER", "AUDITOR"]);
  });
});

describe("the category of a record", () => {
  it("takes the category the object names for an OF_RECORD field", () => {
    expect(effectiveCategory("OF_RECORD", { recordCategory: "POLICE_DETAIL" })).toBe(
      "POLICE_DETAIL",
    );
    expect(effectiveCategory("FLAGS", { recordCategory: "POLICE_DETAIL" })).toBe("FLAGS");
  });

  it("has none when the object names none, names nonsense or names OF_RECORD again", () => {
    expect(effectiveCategory("OF_RECORD", {})).toBeUndefined();
    expect(effectiveCategory("OF_RECORD", { recordCategory: "SECRET" })).toBeUndefined();
    expect(effectiveCategory("OF_RECORD", { recordCategory: "OF_RECORD" })).toBeUndefined();
    expect(effectiveCategory("OF_RECORD", null)).toBeUndefined();
  });

  it("an unresolved OF_RECORD field is withheld from everyone", () => {
    for (const role of ROLES) {
      expect(ask(role, "OF_RECORD", child(true, { EARLY_HELP: GIVEN })).allow).toBe(false);
    }
  });

  it("knows who made a record only from the object, and never for an empty author", () => {
    expect(madeByCaller({ madeBy: "ehm-1" }, "ehm-1")).toBe(true);
    expect(madeByCaller({ madeBy: "ehm-2" }, "ehm-1")).toBe(false);
    expect(madeByCaller({ madeBy: "" }, "")).toBe(false);
    expect(madeByCaller({}, "ehm-1")).toBe(false);
  });
});
