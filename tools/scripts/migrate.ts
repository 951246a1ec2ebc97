// npm run migrate: applies pending migrations (prisma migrate deploy) to the configured
// DATABASE_URL, or to the embedded PostgreSQL under DATA_DIR when none is set.
import { loadConfigOrExit } from "#config/index.ts";
import { runMigrations } from "#db/migrate.ts";
import { startEmbeddedPostgres } from "#db/embedded.ts";

const config = loadConfigOrExit();

const embedded = config.database.url
  ? undefined
  : await startEmbeddedPostgres(config.database.dataDir);
const url = config.database.url ?? embedded?.url;
try {
  if (!url) throw new Error("no database");
  await runMigrations(url);
  console.log(
    `migrate: up to date (${embedded ? `embedded, ${config.database.dataDir}` : "DATABASE_URL"})`,
  );
} catch (error) {
  console.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
