// A withheld field: why (extensions.reason, category) and what would lift it, from the access
// rules in the contract (access.md). The value itself never reaches the browser.
import type { GqlError } from "../graphql/types.ts";
import type { Role } from "../auth/session.ts";
import { isMash } from "../auth/session.ts";

const AGENCY_OF: Record<string, string> = {
  POLICE_DETAIL: "POLICE",
  HEALTH_DETAIL: "HEALTH",
  EDUCATION_DETAIL: "EDUCATION",
  REFERRAL_DETAIL: "EARLY_HELP",
};

export function whyWithheld(error: GqlError): string {
  const reason = String(error.extensions?.["reason"] ?? "");
  const category = String(error.extensions?.["category"] ?? "");
  const agency = AGENCY_OF[category] ?? category;
  switch (reason) {
    case "NO_CONSENT":
      return `No consent covering ${agency} information.`;
    case "CONSENT_REFUSED":
      return `The family refused consent to share ${agency} information.`;
    case "NO_RELATIONSHIP":
      return "No open early help episode names you for this child.";
    case "ROLE":
      return `Your role may not see ${category.replace(/_/g, " ").toLowerCase()} information.`;
    default:
      return error.message;
  }
}

export function whatLiftsIt(error: GqlError, role: Role): string {
  const reason = String(error.extensions?.["reason"] ?? "");
  const category = String(error.extensions?.["category"] ?? "");
  const agency = AGENCY_OF[category] ?? category;
  switch (reason) {
    case "NO_CONSENT":
      return isMash(role)
        ? `Record the family's consent covering ${agency}, or a MASH manager records an override (S47 significant harm or public interest, with a justification).`
        : `The family's consent covering ${agency}, recorded by the MASH.`;
    case "CONSENT_REFUSED":
      return isMash(role)
        ? "Only a MASH manager's override lifts a refusal: legal basis S47 significant harm or public interest, with a justification."
        : "A refusal is respected: the MASH decides whether an override is justified.";
    case "NO_RELATIONSHIP":
      return "Being named as the family's early help manager or lead professional on an open episode.";
    case "ROLE":
      return "Ask the MASH: this information is for MASH roles.";
    default:
      return "Ask the MASH.";
  }
}

export function Withheld({ error, role, label }: { error: GqlError; role: Role; label: string }) {
  return (
    <span className="withheld" data-testid="withheld">
      <strong>Withheld</strong> — {whyWithheld(error)}{" "}
      <span className="withheld-lift">
        To see the {label.toLowerCase()}: {whatLiftsIt(error, role)}
      </span>
    </span>
  );
}

/** Looks up the WITHHELD error at a response path. */
export function withheldAt(
  errors: readonly GqlError[] | undefined,
  path: readonly (string | number)[],
): GqlError | undefined {
  return errors?.find(
    (e) =>
      e.extensions?.["code"] === "WITHHELD" &&
      e.path?.length === path.length &&
      e.path.every((p, i) => p === path[i]),
  );
}
