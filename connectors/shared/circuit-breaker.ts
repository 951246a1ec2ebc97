// A small circuit breaker: after `failureThreshold` consecutive failures the circuit opens and
// calls fail at once (CircuitOpenError) for `openMs`; then one trial call is let through
// (half-open): success closes the circuit, failure opens it again.
export class CircuitOpenError extends Error {
  constructor(readonly retryAt: number) {
    super("Circuit open");
    this.name = "CircuitOpenError";
  }
}

export type CircuitState = "CLOSED" | "OPEN" | "HALF_OPEN";

export interface CircuitBreakerOptions {
  failureThreshold: number;
  openMs: number;
  /** Injected for tests; defaults to Date.now. */
  now?: () => number;
}

export interface CircuitBreaker {
  run<T>(call: () => Promise<T>): Promise<T>;
  state(): CircuitState;
}

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt: number | undefined;
  let trialInFlight = false;

  function state(): CircuitState {
    if (openedAt === undefined) return "CLOSED";
    return now() - openedAt >= options.openMs ? "HALF_OPEN" : "OPEN";
  }

  return {
    state,
    async run<T>(call: () => Promise<T>): Promise<T> {
      const s = state();
      if (s === "OPEN" || (s === "HALF_OPEN" && trialInFlight)) {
        throw new CircuitOpenError((openedAt ?? now()) + options.openMs);
      }
      const trial = s === "HALF_OPEN";
      if (trial) trialInFlight = true;
      try {
        const result = await call();
        failures = 0;
        openedAt = undefined;
        return result;
      } catch (error) {
        failures++;
        if (trial || failures >= options.failureThreshold) openedAt = now();
        throw error;
      } finally {
        if (trial) trialInFlight = false;
      }
    },
  };
}
