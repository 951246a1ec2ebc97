// Entry point: `npm start`. Validates configuration, starts the hub, stops it on SIGTERM/SIGINT.
import { loadConfigOrExit } from "#config/index.ts";
import { createLogger } from "#logging/logger.ts";
import { startHub } from "./app.ts";

const config = loadConfigOrExit();

const logger = createLogger(config.server.logLevel, { instance: config.server.instanceId });
const hub = await startHub(config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, "hub failed to start");
  process.exit(1);
});

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    hub
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  });
}
