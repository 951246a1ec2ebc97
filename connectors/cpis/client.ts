// Pulls CP-IS plans by NHS number: GET [base]/CPIS/Flag?patient=<NHS number>, FHIR R4 JSON.
// Timeout per call and a circuit breaker per client (one client per hub process).
import {
  createCircuitBreaker,
  CircuitOpenError,
  type CircuitBreaker,
} from "../shared/circuit-breaker.ts";
import { ConnectorError, fetchJson } from "../shared/fetch-json.ts";
import { fhirBundle } from "./fhir-schema.ts";
import { mapCpisBundle, type PulledCpisPlan } from "./mapping.ts";

export interface CpisClient {
  plansFor(nhsNumber: string): Promise<PulledCpisPlan[]>;
  breaker: CircuitBreaker;
}

export interface CpisClientOptions {
  baseUrl: string;
  timeoutMs: number;
  failureThreshold?: number;
  openMs?: number;
}

export function createCpisClient(options: CpisClientOptions): CpisClient {
  const breaker = createCircuitBreaker({
    failureThreshold: options.failureThreshold ?? 5,
    openMs: options.openMs ?? 30_000,
  });
  const base = options.baseUrl.replace(/\/+$/, "");
  return {
    breaker,
    async plansFor(nhsNumber) {
      try {
        return await breaker.run(async () => {
          const body = await fetchJson(
            `${base}/CPIS/Flag?patient=${encodeURIComponent(nhsNumber)}`,
            options.timeoutMs,
            { accept: "application/fhir+json" },
          );
          const parsed = fhirBundle.safeParse(body);
          if (!parsed.success) {
            throw new ConnectorError("BAD_RESPONSE", "CP-IS answer is not a FHIR searchset Bundle");
          }
          return mapCpisBundle(parsed.data, nhsNumber);
        });
      } catch (error) {
        if (error instanceof CircuitOpenError) {
          throw new ConnectorError(
            "CIRCUIT_OPEN",
            "CP-IS failing: not asked again until the circuit closes",
          );
        }
        throw error;
      }
    },
  };
}
