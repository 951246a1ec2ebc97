// CP-IS: child protection and looked-after plans, pushed on agency.cpis.v1 and pulled on demand
// by NHS number (FHIR R4), both stored by the one CpisPlan writer.
import type { AgencyAdapter } from "../shared/adapter.ts";
import { CPIS_EVENT_TYPE, cpisPlanPayload, type CpisPlanPayload } from "./event-schema.ts";
import { createCpisClient, type CpisClient } from "./client.ts";
import type { PulledCpisPlan } from "./mapping.ts";
import { storePulledPlans, pushedPlanRow } from "./store.ts";

export const cpis = {
  source: "CPIS",
  topic: "agency.cpis.v1",
  eventType: CPIS_EVENT_TYPE,
  payload: cpisPlanPayload,
  tables: [{ name: "CpisPlan", personKey: ["planType", "startDate"] }],
  row: pushedPlanRow,
  pull: { createClient: createCpisClient, store: storePulledPlans },
} as const satisfies AgencyAdapter<CpisPlanPayload, PulledCpisPlan, CpisClient>;
