import { z } from "zod";
import type { Agency } from "#db/client.ts";

export const Role = z.enum([
  "MASH_SCREENER",
  "MASH_MANAGER",
  "EARLY_HELP_MANAGER",
  "LEAD_PROFESSIONAL",
  "AGENCY_SYSTEM",
  "AUDITOR",
]);
export type Role = z.infer<typeof Role>;

/**
 * An agency the hub takes events from: a value of the database's `Agency` enum. The list a token's
 * `agency` claim is checked against comes from the connectors' registry (createTokenVerifier).
 */
export type AgencyName = Agency;

/** The authenticated caller, as every service sees it. */
export interface Viewer {
  sub: string;
  role: Role;
  name: string | undefined;
  email: string | undefined;
  /** For AGENCY_SYSTEM: the one source it may submit for. */
  agency: AgencyName | undefined;
  /** When the token expires (its `exp`): a WebSocket is closed then, with 4401. */
  expiresAt?: Date | undefined;
}

export const isMashRole = (role: Role) => role === "MASH_SCREENER" || role === "MASH_MANAGER";
export const isEarlyHelpRole = (role: Role) =>
  role === "EARLY_HELP_MANAGER" || role === "LEAD_PROFESSIONAL";
