// What a professional's referral must carry (front-door.md "Referrals"; seeds 000, 001, 002,
// 003), or it goes back to the referrer for completion. Pure.
import type { ReferralInput } from "./referral-input.ts";
import type { ReferrerRole, ValidationIssue } from "./types.ts";

export const MIN_CONCERNS_LENGTH = 40;

const NOT_PROFESSIONAL: readonly ReferrerRole[] = ["FAMILY_MEMBER", "PUBLIC", "SELF"];

/** Every referrer role but a family member, a member of the public and the child themself. */
export const isProfessional = (role: ReferrerRole): boolean => !NOT_PROFESSIONAL.includes(role);

/** What a professional's referral lacks (empty for anyone else). */
export function referralGaps(input: ReferralInput): ValidationIssue[] {
  if (!isProfessional(input.referrer.role)) return [];
  const gaps: ValidationIssue[] = [];
  if (input.familyMembers.length === 0) {
    gaps.push({ path: "familyMembers", message: "list the child's family members (at least one)" });
  }
  if (!input.previousSupport) {
    gaps.push({
      path: "previousSupport",
      message: "say what early help or other support has been tried with the family",
    });
  }
  if ((input.consent !== "GIVEN" || !input.parentsInformed) && !input.consentReason) {
    gaps.push({
      path: "consentReason",
      message: "give the reason consent was not given or the parents were not told",
    });
  }
  if (input.concerns.length < MIN_CONCERNS_LENGTH) {
    gaps.push({
      path: "concerns",
      message: `describe the concerns in at least ${MIN_CONCERNS_LENGTH} characters`,
    });
  }
  return gaps;
}
