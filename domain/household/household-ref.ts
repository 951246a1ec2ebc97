// A household is named by the agency that made it and that agency's own reference:
// EARLY_HELP:<family id>, POLICE:<Merlin reference>.
import type { AgencyAdapter } from "#connectors/shared/adapter.ts";
import { AGENCY_ADAPTERS, type AgencyName } from "#connectors/registry.ts";

export const householdRef = (source: AgencyName, reference: string) => `${source}:${reference}`;

/** The prefixes of family households: those made by agencies whose events name a family. */
const FAMILY_PREFIXES = AGENCY_ADAPTERS.filter((a: AgencyAdapter) => a.household?.family).map(
  (a) => `${a.source}:`,
);

export const isFamilyHousehold = (ref: string) => FAMILY_PREFIXES.some((p) => ref.startsWith(p));
