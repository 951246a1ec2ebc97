// The access categories every schema field declares with @access(category: …).
import type { AgencyName } from "#auth/viewer.ts";

export const ACCESS_CATEGORIES = [
  "PUBLIC",
  "IDENTITY",
  "FLAGS",
  "POLICE_DETAIL",
  "HEALTH_DETAIL",
  "EDUCATION_DETAIL",
  "WORKFLOW",
  "AUDIT",
  // version 2 (access.md "Version 2")
  "REFERRAL_DETAIL",
  "DECISION",
  "MANAGEMENT",
  "OF_RECORD",
] as const;
export type AccessCategory = (typeof ACCESS_CATEGORIES)[number];

export type DetailCategory = "POLICE_DETAIL" | "HEALTH_DETAIL" | "EDUCATION_DETAIL";

/** Which agency's consent a DETAIL category needs. */
export const DETAIL_AGENCY: Record<DetailCategory, AgencyName> = {
  POLICE_DETAIL: "POLICE",
  HEALTH_DETAIL: "HEALTH",
  EDUCATION_DETAIL: "EDUCATION",
};

export function isDetail(category: AccessCategory): category is DetailCategory {
  return category in DETAIL_AGENCY;
}

/**
 * Categories whose decision may need the child's consent records: the agencies' DETAIL, and
 * REFERRAL_DETAIL (early help roles need consent covering EARLY_HELP, unless they made it).
 */
export function needsConsent(category: AccessCategory | undefined): boolean {
  return category !== undefined && (isDetail(category) || category === "REFERRAL_DETAIL");
}

export function isAccessCategory(value: unknown): value is AccessCategory {
  return typeof value === "string" && (ACCESS_CATEGORIES as readonly string[]).includes(value);
}

/** Bumped whenever a rule in decide.ts changes; recorded with every access event. */
export const POLICY_VERSION = 2;
