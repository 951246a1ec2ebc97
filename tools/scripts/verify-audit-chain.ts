// npm run audit:verify — checks the access event chain of the configured database: every event
// as written (HMAC with AUDIT_CHAIN_KEY), none missing between the first and the last, and the
// chain reaching the head anchored outside the table (none missing at the end).
// With no DATABASE_URL it checks the embedded database under DATA_DIR: through the running
// hub's socket when a hub holds it, otherwise by opening its files.
// Exit 0: intact; 1: broken (names the problem and the first broken event); 2: cannot check.
import { existsSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "#config/index.ts";
import { createDb } from "#db/client.ts";
import { runningEmbedded } from "#db/embedded.ts";
import { verifyAccessChain } from "#audit/verify-chain.ts";
import { OperatorError } from "#errors/operator-error.ts";
import { runCommand } from "./command-line.ts";
import { openDatabase, type ToolDatabase } from "./database.ts";

await runCommand(
  {
    name: "audit:verify",
    summary:
      "Verifies the access events in DATABASE_URL (or the embedded PostgreSQL under DATA_DIR, through\n" +
      "the running hub when one holds it): every event's HMAC (AUDIT_CHAIN_KEY), every link, and the\n" +
      "chain reaching its anchored head. Exit 0 intact, 1 naming the problem, 2 when it cannot check.",
    options: {},
    failureExitCode: 2,
  },
  async () => {
    const config = loadConfig();
    if (config.audit.usesDevelopmentKey) {
      console.error("audit:verify: AUDIT_CHAIN_KEY is not set; checking with the development key");
    }
    const database = await databaseToCheck(config);
    const db = createDb(database.url, 1);
    try {
      const report = await verifyAccessChain(db, config.audit.chainKey);
      if (report.ok) {
        const head = report.anchored ? `, anchored head at seq ${report.anchored.headSeq}` : "";
        console.log(`audit chain intact: ${report.checked} access events verified${head}`);
        return 0;
      }
      const where = report.seq ? ` at seq ${report.seq} (id ${report.id})` : "";
      console.error(
        `audit chain BROKEN: ${report.problem}${where}: ${report.detail} ` +
          `(after ${report.checked} verified events)`,
      );
      return 1;
    } finally {
      await db.$disconnect();
      await database.close();
    }
  },
);

async function databaseToCheck(config: ReturnType<typeof loadConfig>): Promise<ToolDatabase> {
  if (config.database.url) return openDatabase(config, "audit:verify");
  const dataDir = config.database.dataDir;
  const running = runningEmbedded(dataDir);
  if (running) {
    console.error(
      `audit:verify: checking the embedded database of the hub (process ${running.pid})`,
    );
    return { url: running.url, description: "the running hub's", close: async () => undefined };
  }
  if (!existsSync(path.resolve(dataDir, "pglite", "PG_VERSION"))) {
    throw new OperatorError(`no DATABASE_URL and no embedded database under ${dataDir}`);
  }
  console.error(`audit:verify: checking the embedded database under ${dataDir}`);
  return openDatabase(config, "audit:verify");
}
