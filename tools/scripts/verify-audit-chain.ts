// npm run audit:verify — walks the access event hash chain of the configured database and says
// whether every event is as written and none is missing between the first and the last.
// Exit 0: intact; 1: broken (names the first broken event); 2: cannot check.
import { loadConfig } from "#config/index.ts";
import { createDb } from "#db/client.ts";
import { verifyAccessChain } from "#audit/verify-chain.ts";

const config = loadConfig();
if (!config.database.url) {
  console.error("DATABASE_URL is required to verify the audit chain");
  process.exit(2);
}
const db = createDb(config.database.url, 1);
try {
  const report = await verifyAccessChain(db);
  if (report.ok) {
    console.log(`audit chain intact: ${report.checked} access events verified`);
  } else {
    console.error(
      `audit chain BROKEN at seq ${report.seq} (id ${report.id}): ${report.problem} ` +
        `after ${report.checked} verified events`,
    );
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
