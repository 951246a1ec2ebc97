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

export function isAccessCategory(value: unknown): value is AccessCategory {
  return typeof value === "string" && (ACCESS_CATEGORIES as readonly string[]).includes(value);
}

/** Bumped whenever a rule in decide.ts changes; recorded with every access event. */
export const POLICY_VERSION = 1;
