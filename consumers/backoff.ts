// Retries a step until it succeeds or the consumer is told to stop: never skips, keeps order.
export interface BackoffControl {
  /** False once the consumer is stopping or the batch is stale (a rebalance took the partition). */
  keepGoing(): boolean;
  /** Called between attempts, e.g. to send the group heartbeat. */
  between?(): Promise<void>;
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export const STOPPED = Symbol("stopped");

export async function untilDone<T>(
  step: () => Promise<T>,
  control: BackoffControl,
): Promise<T | typeof STOPPED> {
  let delay = control.initialDelayMs ?? 100;
  const max = control.maxDelayMs ?? 5_000;
  for (let attempt = 1; ; attempt++) {
    if (!control.keepGoing()) return STOPPED;
    try {
      return await step();
    } catch (error) {
      control.onRetry?.(error, attempt, delay);
      const until = Date.now() + delay;
      while (Date.now() < until) {
        if (!control.keepGoing()) return STOPPED;
        await new Promise((r) => setTimeout(r, Math.min(100, until - Date.now())));
      }
      await control.between?.().catch(() => undefined);
      delay = Math.min(max, delay * 2);
    }
  }
}
