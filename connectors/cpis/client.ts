// Pulls CP-IS plans by NHS number: GET [base]/CPIS/Flag?patient=<NHS number>, FHIR R4 JSON.
import type { CircuitBreaker } from "../shared/circuit-breaker.ts";
import { createPullClient, type PullClientOptions } from "../shared/pull-client.ts";
import { fhirBundle } from "./fhir-schema.ts";
import { mapCpisBundle, type PulledCpisPlan } from "./mapping.ts";

export interface CpisClient {
  plansFor(nhsNumber: string): Promise<PulledCpisPlan[]>;
  breaker: CircuitBreaker;
}

export type CpisClientOptions = PullClientOptions;

export function createCpisClient(options: CpisClientOptions): CpisClient {
  const client = createPullClient(options, {
    agency: "CP-IS",
    path: (nhsNumber) => `/CPIS/Flag?patient=${encodeURIComponent(nhsNumber)}`,
    headers: { accept: "application/fhir+json" },
    parse: (body, nhsNumber) => {
      const parsed = fhirBundle.safeParse(body);
      return parsed.success ? mapCpisBundle(parsed.data, nhsNumber) : undefined;
    },
    badResponse: "CP-IS answer is not a FHIR searchset Bundle",
  });
  return { plansFor: client.pull, breaker: client.breaker };
}
