import fc from "fast-check";
import { describe, expect, it } from "@jest/globals";
import { ACCESS_CATEGORIES, type AccessCategory } from "#access/categories.ts";
import type { ConsentStanding } from "#access/consent-standing.ts";
import { decide, mayOpenChild, withheldMessage, type ChildFacts } from "#access/decide.ts";
import { Role } from "#auth/viewer.ts";

const ROLES = Role.options;
const STANDINGS: ConsentStanding[] = [
  { kind: "NONE" },
  { kind: "GIVEN", legalBasis: "CONSENT" },
  { kind: "REFUSED" },
  { kind: "OVERRIDE", legalBasis: "S47_SIGNIFICANT_HARM" },
];
const facts = (related: boolean, standing: ConsentStanding, ehStanding = standing): ChildFacts => ({
  related,
  consent: (_agency, overridesApply) => (overridesApply ? standing : ehStanding),
});
const field = (category: AccessCategory | undefined, child?: ChildFacts, typeName = "Child") =>
  ({ category, typeName, fieldName: "f", child }) as const;

describe("the access decision", () => {
  it("withholds a field with no category from every role", () => {
    for (const role of ROLES) {
      expect(decide({ role, ...field(undefined, facts(true, STANDINGS[1]!)) })).toEqual({
        allow: false,
        reason: "ROLE",
      });
    }
  });

  it("discloses PUBLIC fields to every authenticated role", () => {
    for (const role of ROLES) expect(decide({ role, ...field("PUBLIC") }).allow).toBe(true);
  });

  it("an agency system sees nothing but PUBLIC fields", () => {
    for (const category of ACCESS_CATEGORIES.filter((c) => c !== "PUBLIC")) {
      expect(
        decide({ role: "AGENCY_SYSTEM", ...field(category, facts(true, STANDINGS[1]!)) }),
      ).toEqual({
        allow: false,
        reason: "ROLE",
      });
    }
  });

  it("an auditor sees identity, audit and management (counts-only) fields only", () => {
    const allowed = ACCESS_CATEGORIES.filter(
      (c) => decide({ role: "AUDITOR", ...field(c, facts(false, STANDINGS[1]!)) }).allow,
    );
    expect(allowed).toEqual(["PUBLIC", "IDENTITY", "AUDIT", "MANAGEMENT"]);
  });

  it("AUDIT is for MASH managers and auditors only", () => {
    const allowed = ROLES.filter((role) => decide({ role, ...field("AUDIT") }).allow);
    expect(allowed).toEqual(["MASH_MANAGER", "AUDITOR"]);
  });

  it("a MASH role sees a DETAIL field with consent or an override, and never without", () => {
    for (const role of ["MASH_SCREENER", "MASH_MANAGER"] as const) {
      expect(decide({ role, ...field("POLICE_DETAIL", facts(false, STANDINGS[1]!)) })).toEqual({
        allow: true,
        legalBasis: "CONSENT",
      });
      expect(decide({ role, ...field("HEALTH_DETAIL", facts(false, STANDINGS[3]!)) })).toEqual({
        allow: true,
        legalBasis: "S47_SIGNIFICANT_HARM",
      });
      expect(decide({ role, ...field("EDUCATION_DETAIL", facts(false, STANDINGS[2]!)) })).toEqual({
        allow: false,
        reason: "CONSENT_REFUSED",
      });
      expect(decide({ role, ...field("EDUCATION_DETAIL", facts(false, STANDINGS[0]!)) })).toEqual({
        allow: false,
        reason: "NO_CONSENT",
      });
    }
  });

  it("an early help role needs the relationship before anything about the child", () => {
    for (const role of ["EARLY_HELP_MANAGER", "LEAD_PROFESSIONAL"] as const) {
      for (const category of ["IDENTITY", "FLAGS", "WORKFLOW", "POLICE_DETAIL"] as const) {
        expect(decide({ role, ...field(category, facts(false, STANDINGS[1]!)) })).toEqual({
          allow: false,
          reason: "NO_RELATIONSHIP",
        });
        expect(decide({ role, ...field(category, facts(true, STANDINGS[1]!)) }).allow).toBe(true);
      }
    }
  });

  it("overrides never count for early help roles", () => {
    const d = decide({
      role: "LEAD_PROFESSIONAL",
      ...field("POLICE_DETAIL", facts(true, STANDINGS[3]!, { kind: "REFUSED" })),
    });
    expect(d).toEqual({ allow: false, reason: "CONSENT_REFUSED" });
  });

  it("a DETAIL field about no known child is withheld from everyone", () => {
    for (const role of ROLES) expect(decide({ role, ...field("HEALTH_DETAIL") }).allow).toBe(false);
  });

  it("early help roles use only their own workflow without a child in view", () => {
    const eh = "EARLY_HELP_MANAGER" as const;
    const wf = (typeName: string, fieldName: string) =>
      decide({ role: eh, category: "WORKFLOW", typeName, fieldName, child: undefined }).allow;
    expect(wf("Query", "myAlerts")).toBe(true);
    expect(wf("Mutation", "acknowledgeAlert")).toBe(true);
    expect(wf("Alert", "rag")).toBe(true);
    expect(wf("Query", "matchReviews")).toBe(false);
    expect(wf("Mutation", "screenNotification")).toBe(false);
    expect(wf("Mutation", "stepUp")).toBe(false);
  });

  it("property: a DETAIL field is disclosed only with consent given, or an override for a MASH role", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.constantFrom("POLICE_DETAIL", "HEALTH_DETAIL", "EDUCATION_DETAIL" as const),
        fc.boolean(),
        fc.constantFrom(...STANDINGS),
        fc.constantFrom(...STANDINGS),
        (role, category, related, mash, eh) => {
          const d = decide({ role, ...field(category, facts(related, mash, eh)) });
          if (!d.allow) return;
          const isMash = role === "MASH_SCREENER" || role === "MASH_MANAGER";
          const isEh = role === "EARLY_HELP_MANAGER" || role === "LEAD_PROFESSIONAL";
          expect(isMash || isEh).toBe(true);
          if (isMash) expect(["GIVEN", "OVERRIDE"]).toContain(mash.kind);
          if (isEh) {
            expect(related).toBe(true);
            expect(eh.kind).toBe("GIVEN");
          }
        },
      ),
    );
  });

  it("only MASH roles and auditors open any child; early help roles their own; agencies none", () => {
    expect(mayOpenChild("MASH_SCREENER", () => false)).toBe(true);
    expect(mayOpenChild("AUDITOR", () => false)).toBe(true);
    expect(mayOpenChild("LEAD_PROFESSIONAL", () => false)).toBe(false);
    expect(mayOpenChild("LEAD_PROFESSIONAL", () => true)).toBe(true);
    expect(mayOpenChild("AGENCY_SYSTEM", () => true)).toBe(false);
  });

  it("withheld messages say why, in the contract's words", () => {
    expect(withheldMessage("POLICE_DETAIL", "NO_CONSENT")).toBe(
      "Withheld: no consent covering POLICE information",
    );
    expect(withheldMessage("FLAGS", "ROLE")).toBe(
      "Withheld: your role may not see FLAGS information",
    );
  });
});
