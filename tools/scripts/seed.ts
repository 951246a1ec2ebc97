// npm run seed -- --children N [--seed S]: writes a deterministic synthetic dataset (default 500
// children, seed 1) into the configured DATABASE_URL, or the embedded PostgreSQL when none is set
// (refused while a hub has it open: stop the hub, seed, start it again). Migrations run first.
// Writes only into a database without people: a second seed says how to start again. Prints
// counts only (no personal data).
import path from "node:path";
import pg from "pg";
import { loadConfig } from "#config/index.ts";
import { runMigrations } from "#db/migrate.ts";
import { generateDataset, DEFAULT_SEED } from "#seed/generate.ts";
import { writeDataset } from "#seed/write.ts";
import { rateSeededChildren } from "#seed/rate.ts";
import { createDb } from "#db/client.ts";
import { ratingSettingsFrom } from "#notifications/rating-settings.ts";
import { runCommand, UsageError } from "./command-line.ts";
import { openDatabase, type ToolDatabase } from "./database.ts";

await runCommand(
  {
    name: "seed",
    summary:
      "Writes a deterministic synthetic dataset (children, families, agency records) into\n" +
      "DATABASE_URL, or the embedded PostgreSQL under DATA_DIR when it is not set. Applies\n" +
      "pending migrations first; writes only into a database that holds no people yet.",
    options: {
      children: { type: "string", value: "N", description: "children to generate", default: "500" },
      seed: {
        type: "string",
        value: "S",
        description: "random seed (same seed, same data)",
        default: String(DEFAULT_SEED),
      },
      "as-of": {
        type: "string",
        value: "YYYY-MM-DD",
        description: "the day the data is drawn around",
        default: new Date().toISOString().slice(0, 10),
      },
    },
  },
  async (values) => {
    const children = Number(values.children);
    const seed = Number(values.seed);
    if (!Number.isInteger(children) || children < 0)
      throw new UsageError("--children must be a whole number");
    if (!Number.isInteger(seed)) throw new UsageError("--seed must be a whole number");
    const asOf = String(values["as-of"]);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
      throw new UsageError("--as-of must be a date YYYY-MM-DD");

    const config = loadConfig();
    const database = await openDatabase(config, "seed");
    const startAgain = config.database.url
      ? "drop and create that database (or point DATABASE_URL at an empty one)"
      : `stop the hub, remove ${path.join(config.database.dataDir, "pglite")}`;
    const alreadySeeded = (what: string) =>
      new Error(
        `${database.description} already holds ${what}; seed writes only into an empty ` +
          `database: to start again, ${startAgain}, then run npm run seed again`,
      );
    try {
      await runMigrations(database.url);
      const existing = await countPeople(database);
      if (existing > 0) throw alreadySeeded(`${existing} people`);
      const started = Date.now();
      const dataset = generateDataset({ children, seed, asOf, eventChildren: 0 });
      const generatedMs = Date.now() - started;
      const counts = await writeDataset(database.url, dataset).catch((error: unknown) => {
        // written by someone else between the check and the write
        if ((error as { code?: string }).code === "23505") throw alreadySeeded("these records");
        throw error;
      });
      const totalMs = Date.now() - started;
      console.log(
        `seed: ${children} children (seed ${seed}) written to ${database.description}: ` +
          `generated in ${generatedMs} ms, written in ${totalMs - generatedMs} ms`,
      );
      for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(20)} ${n}`);
      // rate every seeded child with the rule version in force, so the queue and `rag` are populated
      const settings = ratingSettingsFrom(config.mash);
      const db = createDb(database.url, config.database.url ? 2 : 1);
      try {
        const rateStarted = Date.now();
        const rated = await rateSeededChildren(db, dataset.childIds, settings);
        console.log(
          `seed: rated ${rated.children} children with rules version ${settings.ruleSet.version} in ${Date.now() - rateStarted} ms`,
        );
        console.log(`  ${"RagAssessment".padEnd(20)} ${rated.assessments}`);
        console.log(`  ${"MashNotification".padEnd(20)} ${rated.notifications}`);
        for (const rag of ["RED", "AMBER", "GREEN", "NONE"])
          console.log(`  ${`rated ${rag}`.padEnd(20)} ${rated.byRag[rag] ?? 0}`);
      } finally {
        await db.$disconnect();
      }
    } finally {
      await database.close();
    }
  },
);

async function countPeople(database: ToolDatabase): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Person"`);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
