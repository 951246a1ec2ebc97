// npm run migrate: applies pending migrations (prisma migrate deploy) as the owner role
// (DATABASE_OWNER_URL), then grants the runtime role of DATABASE_URL what the hub may do; with
// DATABASE_URL only, as that role; with neither, to the embedded PostgreSQL under DATA_DIR.
// Says which migrations it applied.
import { loadConfig } from "#config/index.ts";
import { migrateDatabase } from "#db/migrate.ts";
import { runCommand } from "./command-line.ts";
import { openDatabase } from "./database.ts";

await runCommand(
  {
    name: "migrate",
    summary:
      "Applies the pending migrations in prisma/migrations as DATABASE_OWNER_URL (then grants the\n" +
      "runtime role of DATABASE_URL), or as DATABASE_URL, or to the embedded PostgreSQL under\n" +
      "DATA_DIR when DATABASE_URL is not set, and lists what it applied.",
    options: {},
  },
  async () => {
    const config = loadConfig();
    const database = await openDatabase(config, "migrate");
    try {
      const owner = config.database.url ? config.database.ownerUrl : undefined;
      const { applied, total } = await migrateDatabase(database.url, owner);
      const granted = owner ? "; the runtime role of DATABASE_URL granted its rights" : "";
      if (applied.length === 0) {
        console.log(
          `migrate: nothing pending; ${database.description} is up to date (${total} migrations)${granted}`,
        );
      } else {
        console.log(
          `migrate: applied ${applied.length} of ${total} migrations to ${database.description}${granted}:`,
        );
        for (const name of applied) console.log(`  ${name}`);
      }
    } finally {
      await database.close();
    }
  },
);
