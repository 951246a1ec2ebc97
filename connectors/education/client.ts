// Pulls school attendance by UPN: GET [base]/v1/attendance-summaries?upn=<UPN>.
// Timeout per call and a circuit breaker per client (one client per hub process).
import {
  createCircuitBreaker,
  CircuitOpenError,
  type CircuitBreaker,
} from "../shared/circuit-breaker.ts";
import { ConnectorError, fetchJson } from "../shared/fetch-json.ts";
import { misAttendanceResponse } from "./schema.ts";
import { mapMisAttendance, type PulledSchoolAttendance } from "./mapping.ts";

export interface EducationClient {
  attendanceFor(upn: string): Promise<PulledSchoolAttendance[]>;
  breaker: CircuitBreaker;
}

export interface EducationClientOptions {
  baseUrl: string;
  timeoutMs: number;
  failureThreshold?: number;
  openMs?: number;
}

export function createEducationClient(options: EducationClientOptions): EducationClient {
  const breaker = createCircuitBreaker({
    failureThreshold: options.failureThreshold ?? 5,
    openMs: options.openMs ?? 30_000,
  });
  const base = options.baseUrl.replace(/\/+$/, "");
  return {
    breaker,
    async attendanceFor(upn) {
      try {
        return await breaker.run(async () => {
          const body = await fetchJson(
            `${base}/v1/attendance-summaries?upn=${encodeURIComponent(upn)}`,
            options.timeoutMs,
          );
          const parsed = misAttendanceResponse.safeParse(body);
          if (!parsed.success) {
            throw new ConnectorError(
              "BAD_RESPONSE",
              "Education answer does not match the MIS format",
            );
          }
          return mapMisAttendance(parsed.data, upn);
        });
      } catch (error) {
        if (error instanceof CircuitOpenError) {
          throw new ConnectorError(
            "CIRCUIT_OPEN",
            "Education failing: not asked again until the circuit closes",
          );
        }
        throw error;
      }
    },
  };
}
