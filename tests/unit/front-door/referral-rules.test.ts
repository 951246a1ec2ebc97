// The referral's shape and the partnerships' completeness rules (front-door.md "Referrals").
import { describe, expect, it } from "@jest/globals";
import { isProfessional, referralGaps } from "#front-door/completeness.ts";
import { readReferral, type ReferralInput } from "#front-door/referral-input.ts";
import { REFERRER_ROLES } from "#front-door/types.ts";

const complete = {
  clientReference: "R-1",
  subject: { givenName: "Amelia", familyName: "Smith", nhsNumber: "943 476 5919" },
  referrer: { name: "Sam", role: "SCHOOL", email: "sam@school.example.org" },
  concerns: "She said she was scared to go home and had bruising on her arm today.",
  immediateRisk: false,
  familyMembers: [
    { givenName: "Jo", familyName: "Smith", relationship: "mother", livesWithChild: true },
  ],
  previousSupport: "Pastoral support since September.",
  parentsInformed: true,
  consent: "GIVEN",
};

const read = (over: Record<string, unknown>): ReferralInput => {
  const r = readReferral({ ...complete, ...over });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.input;
};

describe("a referral's values", () => {
  it("reads a complete referral, normalising what it can", () => {
    const input = read({});
    expect(input.subject?.nhsNumber).toBe("9434765919");
    expect(input.familyMembers[0]?.relationship).toBe("MOTHER");
    expect(input.childId).toBeNull();
    expect(input.consentReason).toBeNull();
  });

  it("names every bad value at once, by its path", () => {
    const r = readReferral({
      ...complete,
      subject: { givenName: " ", familyName: "Smith", nhsNumber: "9434765918", upn: "X1" },
      referrer: { name: "Sam", role: "HEADTEACHER", email: "nope" },
      familyMembers: [
        { givenName: "Jo", familyName: "Smith", relationship: "mum!", livesWithChild: "yes" },
      ],
      consent: "MAYBE",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path).sort()).toEqual([
      "consent",
      "familyMembers[0].livesWithChild",
      "familyMembers[0].relationship",
      "referrer.email",
      "referrer.role",
      "subject.givenName",
      "subject.nhsNumber",
      "subject.upn",
    ]);
  });

  it("needs the child: an id or what the referrer knows, not neither and not both", () => {
    const neither = readReferral({ ...complete, subject: null });
    expect(neither.ok ? [] : neither.issues).toEqual([
      { path: "subject", message: "is required when childId is not given" },
    ]);
    const both = readReferral({ ...complete, childId: "0f5b0d3e-8a0e-4d63-9d5e-2f1c7b9a6e11" });
    expect(both.ok ? [] : both.issues.map((i) => i.path)).toEqual(["childId"]);
  });

  it("refuses a date of birth in the future", () => {
    const r = readReferral({
      ...complete,
      subject: { givenName: "A", familyName: "B", dateOfBirth: "2999-01-01" },
    });
    expect(r.ok ? [] : r.issues).toEqual([
      { path: "subject.dateOfBirth", message: "must not be in the future" },
    ]);
  });
});

describe("what a professional's referral must carry", () => {
  it("finds nothing missing in a complete referral", () => {
    expect(referralGaps(read({}))).toEqual([]);
  });

  it("names each gap: family members, previous support, why parents were not told, enough concern", () => {
    const gaps = referralGaps(
      read({
        familyMembers: [],
        previousSupport: "",
        parentsInformed: false,
        concerns: "Worried.",
      }),
    );
    expect(gaps.map((g) => g.path)).toEqual([
      "familyMembers",
      "previousSupport",
      "consentReason",
      "concerns",
    ]);
  });

  it("asks for the reason when consent was not given even if parents were told", () => {
    expect(referralGaps(read({ consent: "REFUSED" })).map((g) => g.path)).toEqual([
      "consentReason",
    ]);
    expect(
      referralGaps(read({ consent: "REFUSED", consentReason: "Would increase the risk." })),
    ).toEqual([]);
  });

  it("never asks a member of the public, a family member or the child", () => {
    const thin = {
      familyMembers: [],
      previousSupport: null,
      concerns: "Crying.",
      consent: "NOT_SOUGHT",
    };
    for (const role of ["PUBLIC", "FAMILY_MEMBER", "SELF"]) {
      expect(referralGaps(read({ ...thin, referrer: { name: "X", role } }))).toEqual([]);
    }
  });

  it("counts every other referrer as a professional", () => {
    expect(REFERRER_ROLES.filter(isProfessional)).toEqual([
      "POLICE",
      "HEALTH",
      "SCHOOL",
      "EARLY_HELP",
      "SOCIAL_CARE",
      "PROBATION",
      "HOUSING",
      "VOLUNTARY_SECTOR",
      "OTHER",
    ]);
  });
});
