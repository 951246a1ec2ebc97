// The two ways the policy refuses, as domain errors: a field withheld (null, WITHHELD at its
// path, saying why but never what) and a child the caller may not open (FORBIDDEN).
import { DomainError, forbidden } from "#errors/domain-error.ts";
import type { AccessCategory } from "./categories.ts";
import { withheldMessage, type WithheldReason } from "./decide.ts";

export function withheldError(
  category: AccessCategory | undefined,
  reason: WithheldReason,
): DomainError {
  const shown = category ?? "UNCATEGORISED";
  return new DomainError("WITHHELD", withheldMessage(shown, reason), { category: shown, reason });
}

export const childForbidden = () => forbidden("You may not open this child's record");
