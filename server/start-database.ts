// The hub's database at start: the configured PostgreSQL or the embedded one, migrated (as the
// owner role when DATABASE_OWNER_URL is given), the runtime role checked, the audit anchor
// table in place, and Prisma connected.
import type { Config } from "#config/index.ts";
import { createDb, type Db } from "#db/client.ts";
import { migrateDatabase } from "#db/migrate.ts";
import { roleFacts } from "#db/roles.ts";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "#db/embedded.ts";
import { ensureAnchorTable } from "#audit/chain-anchor.ts";
import type { Logger } from "#logging/logger.ts";

export interface StartedDatabase {
  db: Db;
  url: string;
  stop(): Promise<void>;
}

export async function startDatabase(config: Config, log: Logger): Promise<StartedDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  let poolSize = config.database.poolSize;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.database.dataDir, "the hub");
    url = embedded.url;
    poolSize = 1;
    log.info({ dataDir: config.database.dataDir }, "using embedded PostgreSQL (PGlite)");
  }
  try {
    const migrations = await migrateDatabase(url, config.database.ownerUrl);
    if (migrations.applied.length > 0) {
      log.info({ applied: migrations.applied }, "migrations applied");
    }
    // the embedded database has one role (a superuser): for trying the hub, never production
    if (!embedded || config.env === "production") await checkRuntimeRole(url, config, log);
    const db = createDb(url, poolSize, { namedStatements: !embedded });
    await ensureAnchorTable(db);
    // Connect and load Prisma's query compiler now, not on the first request or worker pass.
    await db.$connect();
    return {
      db,
      url,
      async stop() {
        await db.$disconnect();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * The hub's role must not be able to rewrite the audit: not a superuser, not the owner of the
 * access events. Production refuses to start otherwise; development says so once.
 */
async function checkRuntimeRole(url: string, config: Config, log: Logger): Promise<void> {
  const facts = await roleFacts(url);
  if (!facts.superuser && !facts.ownsAccessEvents) return;
  const why = facts.superuser ? "is a superuser" : "owns the access events";
  if (config.env === "production") {
    throw new Error(
      `The hub's database role ${why}: give the hub a runtime role (DATABASE_URL) that does not ` +
        "own the tables, and run migrations as the owner (DATABASE_OWNER_URL); see docs/threat-model.md",
    );
  }
  log.warn(
    { role: facts.role, superuser: facts.superuser, ownsAccessEvents: facts.ownsAccessEvents },
    `the hub's database role ${why}: it could rewrite the audit (production refuses this)`,
  );
}
