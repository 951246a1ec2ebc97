// The shape of a referral (ReferralInput), checked with zod: bad values are named field by field.
// What the partnerships insist a professional sends is checked apart (completeness.ts): a gap is
// not a bad value, it is what makes a referral go back for completion.
import { z } from "zod";
import { isValidNhsNumber, isValidUpn } from "#identity/identifiers.ts";
import { calendarDate, id, optionalText, pastDate, requiredText } from "./fields.ts";
import { inputIssues } from "./parse-input.ts";
import { REFERRAL_CONSENTS, REFERRER_ROLES, type ValidationIssue } from "./types.ts";

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;

const subject = z.object({
  nhsNumber: z
    .string()
    .transform((v) => v.replace(/\s+/g, ""))
    .refine(isValidNhsNumber, "must be a valid NHS number (10 digits with its check digit)")
    .nullish(),
  upn: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isValidUpn, "must be a valid UPN (a check letter and 12 digits)")
    .nullish(),
  givenName: requiredText(100),
  familyName: requiredText(100),
  dateOfBirth: pastDate.nullish(),
  expectedDueDate: calendarDate.nullish(),
  postcode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(POSTCODE, "must be a UK postcode, e.g. E1 6AN")
    .nullish(),
});

const referrer = z.object({
  name: requiredText(200),
  role: z.enum(REFERRER_ROLES),
  organisation: optionalText(200),
  email: z
    .email({ error: "must be an e-mail address" })
    .max(320)
    .nullish()
    .transform((v) => v ?? null),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+() -]{6,30}$/, "must be a telephone number")
    .nullish()
    .transform((v) => v ?? null),
});

const familyMember = z.object({
  givenName: requiredText(100),
  familyName: requiredText(100),
  dateOfBirth: pastDate.nullish().transform((v) => v ?? null),
  relationship: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z_]{1,39}$/, "must be a word such as MOTHER, FATHER or SIBLING"),
  livesWithChild: z.boolean(),
});

const referral = z.object({
  clientReference: optionalText(100),
  childId: id.nullish().transform((v) => v ?? null),
  subject: subject.nullish().transform((v) => v ?? null),
  referrer,
  concerns: requiredText(20_000),
  immediateRisk: z.boolean(),
  familyMembers: z.array(familyMember).max(30, "must list at most 30 people"),
  previousSupport: optionalText(10_000),
  parentsInformed: z.boolean(),
  consent: z.enum(REFERRAL_CONSENTS),
  consentReason: optionalText(4_000),
});

export type ReferralInput = z.infer<typeof referral>;
export type ReferralSubject = NonNullable<ReferralInput["subject"]>;

/** The referral, or every issue with it (field by field, the child's identification included). */
export function readReferral(
  raw: unknown,
): { ok: true; input: ReferralInput } | { ok: false; issues: ValidationIssue[] } {
  const parsed = inputIssues(referral, raw);
  const given = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const issues = parsed.ok ? [] : [...parsed.issues];
  if (!given["childId"] && !given["subject"]) {
    issues.push({ path: "subject", message: "is required when childId is not given" });
  }
  if (given["childId"] && given["subject"]) {
    issues.push({ path: "childId", message: "give childId or subject, not both" });
  }
  if (!parsed.ok || issues.length > 0) return { ok: false, issues };
  return { ok: true, input: parsed.data };
}
