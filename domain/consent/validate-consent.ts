// The rules a consent record must meet before it is stored (access.md). Pure.
import type { AgencyName, Role } from "#auth/viewer.ts";
import { OVERRIDE_LEGAL_BASES, type ConsentStatus } from "#access/consent-standing.ts";
import { justificationProblem } from "#access/override-justification.ts";

export interface ConsentInput {
  childId: string;
  status: ConsentStatus;
  scope: AgencyName[];
  legalBasis: string;
  justification?: string | null;
  expiresAt?: Date | null;
}

export type ConsentProblem =
  | { code: "FORBIDDEN"; message: string }
  | { code: "BAD_USER_INPUT"; message: string; field: string };

export const MAX_JUSTIFICATION_LENGTH = 2000;

export function consentProblems(input: ConsentInput, role: Role, now: Date): ConsentProblem[] {
  const problems: ConsentProblem[] = [];
  const bad = (field: string, message: string) =>
    problems.push({ code: "BAD_USER_INPUT", field, message });
  if (input.status === "OVERRIDDEN" && role !== "MASH_MANAGER") {
    problems.push({ code: "FORBIDDEN", message: "Only a MASH manager may record an override" });
  }
  if (input.scope.length === 0) bad("scope", "scope must name at least one agency");
  if (new Set(input.scope).size !== input.scope.length) bad("scope", "scope names an agency twice");
  const justification = input.justification?.trim() ?? "";
  if (justification.length > MAX_JUSTIFICATION_LENGTH) {
    bad("justification", `justification must be at most ${MAX_JUSTIFICATION_LENGTH} characters`);
  }
  if (input.status === "OVERRIDDEN") {
    if (!(OVERRIDE_LEGAL_BASES as readonly string[]).includes(input.legalBasis)) {
      bad("legalBasis", "an override needs legal basis S47_SIGNIFICANT_HARM or PUBLIC_INTEREST");
    }
    const problem = justificationProblem(justification);
    if (problem) bad("justification", problem);
  }
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    bad("expiresAt", "expiresAt must be in the future");
  }
  return problems;
}
