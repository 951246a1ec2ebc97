// npm run migrate: applies pending migrations (prisma migrate deploy) to the configured
// DATABASE_URL, or to the embedded PostgreSQL under DATA_DIR when none is set, and says which.
import { loadConfig } from "#config/index.ts";
import { runMigrations } from "#db/migrate.ts";
import { runCommand } from "./command-line.ts";
import { openDatabase } from "./database.ts";

await runCommand(
  {
    name: "migrate",
    summary:
      "Applies the pending migrations in prisma/migrations to DATABASE_URL, or to the embedded\n" +
      "PostgreSQL under DATA_DIR when DATABASE_URL is not set, and lists what it applied.",
    options: {},
  },
  async () => {
    const database = await openDatabase(loadConfig(), "migrate");
    try {
      const { applied, total } = await runMigrations(database.url);
      if (applied.length === 0) {
        console.log(
          `migrate: nothing pending; ${database.description} is up to date (${total} migrations)`,
        );
      } else {
        console.log(
          `migrate: applied ${applied.length} of ${total} migrations to ${database.description}:`,
        );
        for (const name of applied) console.log(`  ${name}`);
      }
    } finally {
      await database.close();
    }
  },
);
