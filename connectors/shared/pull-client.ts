// What every pulled agency API shares: one GET per key with a timeout, a circuit breaker per
// client (one client per hub process), and the agency's answer checked against its own format.
// Each agency's path, headers and format stay in its own folder.
import { createCircuitBreaker, CircuitOpenError, type CircuitBreaker } from "./circuit-breaker.ts";
import { ConnectorError, fetchJson } from "./fetch-json.ts";

export interface PullClientOptions {
  baseUrl: string;
  timeoutMs: number;
  failureThreshold?: number;
  openMs?: number;
}

export interface PullSpec<T> {
  /** Named in errors, e.g. "CP-IS". */
  agency: string;
  /** The path and query for one key, after the base URL. */
  path(key: string): string;
  headers?: Record<string, string>;
  /** Checks the answer against the agency's format and maps it; undefined when it does not fit. */
  parse(body: unknown, key: string): T | undefined;
  /** What a body that does not fit is called in the error. */
  badResponse: string;
}

export interface PullClient<T> {
  pull(key: string): Promise<T>;
  breaker: CircuitBreaker;
}

export function createPullClient<T>(options: PullClientOptions, spec: PullSpec<T>): PullClient<T> {
  const breaker = createCircuitBreaker({
    failureThreshold: options.failureThreshold ?? 5,
    openMs: options.openMs ?? 30_000,
  });
  const base = options.baseUrl.replace(/\/+$/, "");
  return {
    breaker,
    async pull(key) {
      try {
        return await breaker.run(async () => {
          const body = await fetchJson(`${base}${spec.path(key)}`, options.timeoutMs, spec.headers);
          const parsed = spec.parse(body, key);
          if (parsed === undefined) throw new ConnectorError("BAD_RESPONSE", spec.badResponse);
          return parsed;
        });
      } catch (error) {
        if (error instanceof CircuitOpenError) {
          throw new ConnectorError(
            "CIRCUIT_OPEN",
            `${spec.agency} failing: not asked again until the circuit closes`,
          );
        }
        throw error;
      }
    },
  };
}
