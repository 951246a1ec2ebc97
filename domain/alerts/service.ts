// The alerts service as resolvers see it (services.alerts), with this hub's live bus and e-mail
// worker (started and stopped by server/workers.ts).
import type { Db } from "#db/client.ts";
import type { Config } from "#config/index.ts";
import type { Logger } from "#logging/logger.ts";
import type { Viewer } from "#auth/viewer.ts";
import { createAlertBus } from "./live-bus.ts";
import { createEmailWorker } from "./email-worker.ts";
import { acknowledgeAlert, listMyAlerts } from "./list-my-alerts.ts";

export function createAlertService(deps: { db: Db; config: Config; logger: Logger }) {
  const bus = createAlertBus({
    db: deps.db,
    databaseUrl: deps.config.database.url,
    logger: deps.logger,
  });
  const emailWorker = createEmailWorker({ ...deps, bus });
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
