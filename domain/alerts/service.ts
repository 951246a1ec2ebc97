// The alerts service as resolvers see it (services.alerts), with this hub's live bus and e-mail
// worker (started and stopped by server/workers.ts). The e-mail worker sends alert e-mails and
// any other mail queue given (the front door's referrer e-mails).
import type { Db } from "#db/client.ts";
import type { Config } from "#config/index.ts";
import type { Logger } from "#logging/logger.ts";
import type { Viewer } from "#auth/viewer.ts";
import { createAlertBus } from "./live-bus.ts";
import { createEmailWorker } from "./email-worker.ts";
import { createAlertMailQueue } from "./alert-mail-queue.ts";
import type { MailQueue } from "./mail-queue.ts";
import { acknowledgeAlert, listMyAlerts } from "./list-my-alerts.ts";

export function createAlertService(deps: {
  db: Db;
  config: Config;
  logger: Logger;
  mailQueues?: MailQueue[];
}) {
  const bus = createAlertBus({
    db: deps.db,
    databaseUrl: deps.config.database.url,
    logger: deps.logger,
  });
  const alertQueue = createAlertMailQueue({
    from: deps.config.smtp.from,
    dutyEmail: deps.config.smtp.dutyEmail,
    consoleUrl: `${deps.config.console.publicUrl ?? `http://localhost:${deps.config.server.port}`}/console`,
  });
  const emailWorker = createEmailWorker({
    db: deps.db,
    config: deps.config,
    logger: deps.logger,
    bus,
    queues: [alertQueue, ...(deps.mailQueues ?? [])],
  });
  return {
    bus,
    emailWorker,
    myAlerts: (
      viewer: Viewer,
      args: { unacknowledgedOnly?: boolean | null; first?: number | null; after?: string | null },
    ) => listMyAlerts(deps.db, viewer, args),
    acknowledge: (viewer: Viewer, id: string) => acknowledgeAlert(deps.db, viewer, id),
    subscribe: (viewer: Viewer) => bus.subscribe(viewer),
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
