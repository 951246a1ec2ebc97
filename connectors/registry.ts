// Every agency the hub takes events from: one line each. The consumers, the topic list,
// validation, storage, household links and the `agency` claim of a token all come from this
// list (connectors/README.md says how to add an agency).
import { z } from "zod";
import type { AgencyName as DatabaseAgency } from "#auth/viewer.ts";
import type { AgencyAdapter } from "./shared/adapter.ts";
import { cpis } from "./cpis/index.ts";
import { police } from "./police/index.ts";
import { health } from "./health/index.ts";
import { education } from "./education/index.ts";
import { earlyHelp } from "./earlyhelp/index.ts";

export const AGENCY_ADAPTERS = [cpis, police, health, education, earlyHelp] as const;

export type RegisteredAdapter = (typeof AGENCY_ADAPTERS)[number];
/** A value of the database's `Agency` enum; the registry test checks each has one adapter. */
export type AgencyName = DatabaseAgency;

/** The sources, in the registry's order. */
export const AGENCY_NAMES: readonly AgencyName[] = AGENCY_ADAPTERS.map((a) => a.source);

/** The envelope's `source` and a token's `agency` claim. */
export const AgencyName = z.enum(AGENCY_NAMES);

const byType = new Map<string, AgencyAdapter>(AGENCY_ADAPTERS.map((a) => [a.eventType, a]));
const bySource = new Map<string, AgencyAdapter>(AGENCY_ADAPTERS.map((a) => [a.source, a]));

/** The adapter whose events have this `type`, or undefined for a type no agency sends. */
export function adapterForType(type: unknown): AgencyAdapter | undefined {
  return typeof type === "string" ? byType.get(type) : undefined;
}

export function adapterFor(source: AgencyName): AgencyAdapter {
  const adapter = bySource.get(source);
  if (!adapter) throw new Error(`no adapter for agency ${source} in connectors/registry.ts`);
  return adapter;
}
