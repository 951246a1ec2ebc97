// The people of the demo day: one of each role, and a second early help manager whose family has
// nothing to do with the others (to show that they see no trace of them).
import type { TokenClaims } from "#auth/sign-token.ts";

export const DEMO_PEOPLE = {
  screener: {
    sub: "screener-1",
    role: "MASH_SCREENER",
    name: "Sam Screener",
    email: "sam.screener@mash.example",
  },
  manager: {
    sub: "manager-1",
    role: "MASH_MANAGER",
    name: "Morgan Manager",
    email: "morgan.manager@mash.example",
  },
  earlyHelpManager: {
    sub: "ehm-1",
    role: "EARLY_HELP_MANAGER",
    name: "Erin Early-Help",
    email: "erin@earlyhelp.example",
  },
  leadProfessional: {
    sub: "lp-1",
    role: "LEAD_PROFESSIONAL",
    name: "Lee Lead",
    email: "lee@school.example",
  },
  otherEarlyHelpManager: {
    sub: "ehm-2",
    role: "EARLY_HELP_MANAGER",
    name: "Priya Other-Family",
    email: "priya@earlyhelp.example",
  },
  auditor: {
    sub: "auditor-1",
    role: "AUDITOR",
    name: "Ali Auditor",
    email: "ali.auditor@mash.example",
  },
} as const satisfies Record<string, TokenClaims & { name: string }>;

export type DemoPerson = keyof typeof DEMO_PEOPLE;

/** The agency systems' own tokens (one per agency). */
export const agencySystem = (
  agency: "CPIS" | "POLICE" | "HEALTH" | "EDUCATION" | "EARLY_HELP",
): TokenClaims => ({
  sub: `${agency.toLowerCase()}-gateway`,
  role: "AGENCY_SYSTEM",
  agency,
});
