// Entry point: `npm start`. Validates configuration, starts the hub, and stops it on SIGTERM,
// SIGINT (Ctrl-C) or SIGHUP: workers, HTTP and WebSocket, the database (the embedded PostgreSQL
// closed cleanly), then exit 0. A stop that outlasts STOP_TIMEOUT_MS exits 1 regardless. A
// problem the operator can fix (port taken, embedded data directory in use) is one line on stderr
// and exit 1.
//
// `npm start` execs this process (no shell in between), so a signal sent to npm alone reaches
// it too: npm forwards SIGINT and SIGTERM to its child. Sent to the whole process group, the
// signal arrives twice (directly and forwarded); repeats are ignored.
import { loadConfigOrExit } from "#config/index.ts";
import { createLogger } from "#logging/logger.ts";
import { OperatorError } from "#errors/operator-error.ts";
import { startHub, type Hub } from "./app.ts";

const config = loadConfigOrExit();
const logger = createLogger(config.server.logLevel, { instance: config.server.instanceId });

let hub: Hub | undefined;
let stopRequested = false;
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
  process.on(signal, () => requestStop(signal));
}

try {
  hub = await startHub(config, logger);
} catch (error) {
  if (error instanceof OperatorError) {
    console.error(error.message);
  } else {
    logger.fatal({ err: error }, "hub failed to start");
  }
  process.exit(1);
}
if (stopRequested) await stopHub(); // a signal arrived while starting

function requestStop(signal: NodeJS.Signals): void {
  if (stopRequested) return;
  stopRequested = true;
  logger.info({ signal }, "shutting down");
  const deadline = config.server.stopTimeoutMs;
  setTimeout(() => {
    logger.error({ timeoutMs: deadline }, "did not stop in time; exiting anyway");
    process.exit(1);
  }, deadline).unref();
  if (hub) void stopHub();
}

async function stopHub(): Promise<void> {
  try {
    await hub?.stop();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "shutdown failed");
    process.exit(1);
  }
}
