// What a child's consent records mean for one agency's information, at one moment.
// Pure: the records are loaded per request (request-access.ts) and passed in.
import type { AgencyName } from "#auth/viewer.ts";
import { justificationProblem } from "./override-justification.ts";

export type ConsentStatus = "GIVEN" | "REFUSED" | "NOT_SOUGHT" | "OVERRIDDEN" | "WITHDRAWN";
export const OVERRIDE_LEGAL_BASES = ["S47_SIGNIFICANT_HARM", "PUBLIC_INTEREST"] as const;

/** A consent record as the policy sees it (mapped from the ConsentRecord row). */
export interface ConsentView {
  status: ConsentStatus;
  scope: readonly AgencyName[];
  legalBasis: string;
  justification: string | null;
  recordedRole: string;
  recordedAt: Date;
  expiresAt: Date | null;
}

export type ConsentStanding =
  | { kind: "GIVEN"; legalBasis: string }
  | { kind: "OVERRIDE"; legalBasis: string }
  | { kind: "REFUSED" }
  | { kind: "NONE" };

/**
 * An override counts only when recorded by a MASH manager, on an allowed basis, with a
 * justification that says something (override-justification.ts), however it was stored.
 */
export function isValidOverride(r: ConsentView): boolean {
  return (
    r.status === "OVERRIDDEN" &&
    r.recordedRole === "MASH_MANAGER" &&
    (OVERRIDE_LEGAL_BASES as readonly string[]).includes(r.legalBasis) &&
    justificationProblem(r.justification) === undefined
  );
}

/**
 * The latest record whose scope names the agency wins. Overrides count for MASH roles only:
 * for everyone else the latest record that is not an override decides. An expired record
 * leaves no standing (NONE); WITHDRAWN and NOT_SOUGHT leave none either.
 */
export function consentStanding(
  records: readonly ConsentView[],
  agency: AgencyName,
  now: Date,
  overridesApply: boolean,
): ConsentStanding {
  let latest: ConsentView | undefined;
  for (const r of records) {
    if (!r.scope.includes(agency)) continue;
    if (r.status === "OVERRIDDEN" && (!overridesApply || !isValidOverride(r))) continue;
    if (!latest || r.recordedAt.getTime() >= latest.recordedAt.getTime()) latest = r;
  }
  if (!latest) return { kind: "NONE" };
  if (latest.expiresAt && latest.expiresAt.getTime() <= now.getTime()) return { kind: "NONE" };
  switch (latest.status) {
    case "GIVEN":
      return { kind: "GIVEN", legalBasis: latest.legalBasis };
    case "OVERRIDDEN":
      return { kind: "OVERRIDE", legalBasis: latest.legalBasis };
    case "REFUSED":
      return { kind: "REFUSED" };
    case "WITHDRAWN":
    case "NOT_SOUGHT":
      return { kind: "NONE" };
    default: {
      const never: never = latest.status;
      return never;
    }
  }
}
