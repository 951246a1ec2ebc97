// npm run audit:verify — walks the access event hash chain of the configured database (or the
// embedded one under DATA_DIR) and says whether every event is as written and none is missing
// between the first and the last. Exit 0: intact; 1: broken (names the first broken event);
// 2: cannot check.
import { loadConfig } from "#config/index.ts";
import { createDb } from "#db/client.ts";
import { verifyAccessChain } from "#audit/verify-chain.ts";
import { runCommand } from "./command-line.ts";
import { openDatabase } from "./database.ts";

await runCommand(
  {
    name: "audit:verify",
    summary:
      "Verifies the hash chain of the access events in DATABASE_URL (or the embedded PostgreSQL\n" +
      "under DATA_DIR): exit 0 when intact, 1 naming the first broken event, 2 when it cannot check.",
    options: {},
    failureExitCode: 2,
  },
  async () => {
    const database = await openDatabase(loadConfig(), "audit:verify");
    const db = createDb(database.url, 1);
    try {
      const report = await verifyAccessChain(db);
      if (report.ok) {
        console.log(`audit chain intact: ${report.checked} access events verified`);
        return 0;
      }
      console.error(
        `audit chain BROKEN at seq ${report.seq} (id ${report.id}): ${report.problem} ` +
          `after ${report.checked} verified events`,
      );
      return 1;
    } finally {
      await db.$disconnect();
      await database.close();
    }
  },
);
