// The access policy: one pure function that decides, for one field of one response, whether
// the caller may see it. Everything else in access/ gathers the inputs and applies the answer.
// The rules are written out in docs/access-policy.md; change both together (and POLICY_VERSION).
import type { AgencyName, Role } from "#auth/viewer.ts";
import { DETAIL_AGENCY, isDetail, type AccessCategory } from "./categories.ts";
import type { ConsentStanding } from "./consent-standing.ts";

export type WithheldReason = "NO_CONSENT" | "CONSENT_REFUSED" | "NO_RELATIONSHIP" | "ROLE";

export type Decision =
  { allow: true; legalBasis: string | undefined } | { allow: false; reason: WithheldReason };

/** What the policy knows about the child a field is about (absent for fields about no child). */
export interface ChildFacts {
  /** For early help roles: an OPEN early help episode names the caller. */
  related: boolean;
  consent(agency: AgencyName, overridesApply: boolean): ConsentStanding;
}

export interface DecisionInput {
  role: Role;
  /** undefined: the field declares no category, and is withheld. */
  category: AccessCategory | undefined;
  typeName: string;
  fieldName: string;
  child: ChildFacts | undefined;
  /** The caller made the record the field is about (a referral or step-up request they sent). */
  madeByCaller?: boolean;
}

/**
 * WORKFLOW fields early help roles may use without a particular child in view: their own
 * alerts, their families' notifications (the resolvers filter to them) and recording consent
 * (the service checks the relationship).
 */
const EARLY_HELP_WORKFLOW = new Set([
  "Query.myAlerts",
  "Mutation.acknowledgeAlert",
  "Subscription.alertRaised",
  "Query.notifications",
  "Mutation.recordConsent",
  // version 2: the front door services check the role and the family
  "Mutation.requestStepUp",
  "Mutation.raiseEscalation",
  "Query.dailyDiscussion",
]);

const ALLOW: Decision = { allow: true, legalBasis: undefined };
const deny = (reason: WithheldReason): Decision => ({ allow: false, reason });

export function decide(input: DecisionInput): Decision {
  const { role, category, child } = input;
  // OF_RECORD is resolved per object before the policy is asked (record-facts.ts); unresolved, deny
  if (category === undefined || category === "OF_RECORD") return deny("ROLE");
  if (category === "PUBLIC") return ALLOW;
  switch (role) {
    case "AGENCY_SYSTEM":
      return deny("ROLE");
    case "AUDITOR":
      return category === "IDENTITY" || category === "AUDIT" || category === "MANAGEMENT"
        ? ALLOW
        : deny("ROLE");
    case "MASH_SCREENER":
    case "MASH_MANAGER":
      if (category === "AUDIT" || category === "MANAGEMENT") {
        return role === "MASH_MANAGER" ? ALLOW : deny("ROLE");
      }
      if (isDetail(category)) return detail(child, DETAIL_AGENCY[category], true);
      // REFERRAL_DETAIL and DECISION: yes (access.md "Version 2")
      return ALLOW;
    case "EARLY_HELP_MANAGER":
    case "LEAD_PROFESSIONAL":
      if (category === "AUDIT" || category === "MANAGEMENT") return deny("ROLE");
      if (child && !child.related) return deny("NO_RELATIONSHIP");
      if (isDetail(category)) return detail(child, DETAIL_AGENCY[category], false);
      // their families' referrals: with consent covering EARLY_HELP, or when they made it
      if (category === "REFERRAL_DETAIL") {
        return input.madeByCaller ? ALLOW : detail(child, "EARLY_HELP", false);
      }
      if (category === "WORKFLOW" && !child) {
        const path = `${input.typeName}.${input.fieldName}`;
        return input.typeName === "Alert" || EARLY_HELP_WORKFLOW.has(path) ? ALLOW : deny("ROLE");
      }
      return ALLOW;
    default: {
      const never: never = role;
      return never;
    }
  }
}

function detail(
  child: ChildFacts | undefined,
  agency: AgencyName,
  overridesApply: boolean,
): Decision {
  // A DETAIL field about no known child cannot be covered by any consent: withheld.
  if (!child) return deny("NO_CONSENT");
  const standing = child.consent(agency, overridesApply);
  switch (standing.kind) {
    case "GIVEN":
      return { allow: true, legalBasis: standing.legalBasis };
    case "OVERRIDE":
      // an override lifts a refusal for MASH roles only
      return overridesApply
        ? { allow: true, legalBasis: standing.legalBasis }
        : deny("CONSENT_REFUSED");
    case "REFUSED":
      return deny("CONSENT_REFUSED");
    case "NONE":
      return deny("NO_CONSENT");
    default: {
      const never: never = standing;
      return never;
    }
  }
}

/** Whether the caller may open a child's record at all (otherwise FORBIDDEN). */
export function mayOpenChild(role: Role, related: () => boolean): boolean {
  switch (role) {
    case "MASH_SCREENER":
    case "MASH_MANAGER":
    case "AUDITOR":
      return true;
    case "EARLY_HELP_MANAGER":
    case "LEAD_PROFESSIONAL":
      return related();
    case "AGENCY_SYSTEM":
      return false;
    default: {
      const never: never = role;
      return never;
    }
  }
}

/** How a message names an agency where its code is not how people write it; others by code. */
const AGENCY_WORDS: Partial<Record<AgencyName, string>> = { CPIS: "CP-IS" };
const agencyWords = (agency: AgencyName) => AGENCY_WORDS[agency] ?? agency;

/** The message of a WITHHELD error: says why, never what. */
export function withheldMessage(category: string, reason: WithheldReason): string {
  const agency =
    category in DETAIL_AGENCY
      ? agencyWords(DETAIL_AGENCY[category as keyof typeof DETAIL_AGENCY])
      : category === "REFERRAL_DETAIL"
        ? agencyWords("EARLY_HELP")
        : undefined;
  switch (reason) {
    case "NO_CONSENT":
      return `Withheld: no consent covering ${agency ?? category} information`;
    case "CONSENT_REFUSED":
      return `Withheld: consent to share ${agency ?? category} information was refused`;
    case "NO_RELATIONSHIP":
      return "Withheld: no open early help episode names you for this child";
    case "ROLE":
      return `Withheld: your role may not see ${category} information`;
    default: {
      const never: never = reason;
      return never;
    }
  }
}
