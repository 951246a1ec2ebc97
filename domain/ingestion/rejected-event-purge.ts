// The retention of rejected events (REJECTED_EVENT_RETENTION_DAYS): a worker that deletes the
// ones older than that, at start and then hourly. Every replica runs it; a DELETE by date is
// harmless to run twice.
import type { Logger } from "#logging/logger.ts";
import type { Worker } from "#runtime/worker.ts";
import type { RejectedEventService } from "./rejected-events.ts";

export function createRejectedEventPurge(deps: {
  rejected: Pick<RejectedEventService, "purge">;
  logger: Logger;
  intervalMs?: number;
}): Worker {
  const log = deps.logger.child({ component: "rejected-event-purge" });
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();

  const run = () => {
    pass = deps.rejected
      .purge()
      .then((count) => {
        if (count > 0) log.info({ count }, "rejected events past retention deleted");
      })
      .catch((err: unknown) => log.error({ err }, "rejected event purge failed"));
    return pass;
  };

  return {
    name: "rejected-event-purge",
    async start() {
      await run();
      timer = setInterval(() => void run(), deps.intervalMs ?? 3_600_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await pass;
    },
    ready: () => true,
  };
}
