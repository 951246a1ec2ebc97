// What a returned object says about the record it comes from, for the two rules that depend on
// the record rather than the field (access.md "Version 2"):
// - a field declared OF_RECORD takes the category the object names in `recordCategory`
//   (ChronologyEntry.summary: a police summary is POLICE_DETAIL, a referral's REFERRAL_DETAIL…);
//   an object that names none, or names OF_RECORD again, has no category (withheld);
// - REFERRAL_DETAIL is open to the early help user who made the referral or step-up request:
//   the object names its author in `madeBy`.
import { isAccessCategory, type AccessCategory } from "./categories.ts";

export interface RecordFacts {
  /** The category of the record behind an OF_RECORD field. */
  recordCategory?: AccessCategory;
  /** The user (token sub) who made the record. */
  madeBy?: string;
}

export function effectiveCategory(
  declared: AccessCategory | undefined,
  source: unknown,
): AccessCategory | undefined {
  if (declared !== "OF_RECORD") return declared;
  const named = field(source, "recordCategory");
  return isAccessCategory(named) && named !== "OF_RECORD" ? named : undefined;
}

export function madeByCaller(source: unknown, sub: string): boolean {
  const author = field(source, "madeBy");
  return typeof author === "string" && author !== "" && author === sub;
}

function field(source: unknown, name: keyof RecordFacts): unknown {
  return source !== null && typeof source === "object"
    ? (source as Record<string, unknown>)[name]
    : undefined;
}
