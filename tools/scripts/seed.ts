// npm run seed -- --children N [--seed S] [--as-of YYYY-MM-DD]: writes a deterministic synthetic
// dataset (default 500 children, seed 1, drawn around today) into the configured DATABASE_URL, or
// the embedded PostgreSQL when none is set, then rates every seeded child with the rule version
// in force (assessments and the MASH notifications they call for). Migrations run first. Prints
// counts only (no personal data).
import { parseArgs } from "node:util";
import { loadConfigOrExit } from "#config/index.ts";
import { runMigrations } from "#db/migrate.ts";
import { createDb } from "#db/client.ts";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "#db/embedded.ts";
import { generateDataset, DEFAULT_SEED } from "#seed/generate.ts";
import { writeDataset } from "#seed/write.ts";
import { rateSeededChildren } from "#seed/rate.ts";
import { ratingSettingsFrom } from "#notifications/rating-settings.ts";

const USAGE =
  "usage: npm run seed -- [--children N] [--seed S] [--as-of YYYY-MM-DD] (default 500 children, seed 1, today)";

function fail(message: string): never {
  console.error(`seed: ${message}`);
  process.exit(64);
}

let values: { children: string; seed: string; "as-of"?: string; help?: boolean };
try {
  values = parseArgs({
    options: {
      children: { type: "string", default: "500" },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      "as-of": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }).values as typeof values;
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}; ${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const children = Number(values.children);
const seed = Number(values.seed);
const asOf = values["as-of"] ?? new Date().toISOString().slice(0, 10);
if (!Number.isInteger(children) || children < 0) fail("--children must be a whole number");
if (!Number.isInteger(seed)) fail("--seed must be a whole number");
if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
  fail("--as-of must be a date YYYY-MM-DD");

const config = loadConfigOrExit();

let embedded: EmbeddedPostgres | undefined;
let url = config.database.url;
if (!url) {
  embedded = await startEmbeddedPostgres(config.database.dataDir);
  url = embedded.url;
  console.log(`seed: using the embedded PostgreSQL under ${config.database.dataDir}`);
}
try {
  await runMigrations(url);
  const started = Date.now();
  const dataset = generateDataset({ children, seed, asOf, eventChildren: 0 });
  const generatedMs = Date.now() - started;
  const counts = await writeDataset(url, dataset);
  const writtenMs = Date.now() - started - generatedMs;
  console.log(
    `seed: ${children} children (seed ${seed}, around ${asOf}) generated in ${generatedMs} ms, written in ${writtenMs} ms`,
  );
  for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(20)} ${n}`);
  const settings = ratingSettingsFrom(config.mash);
  const db = createDb(url, embedded ? 1 : 2);
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
} catch (error) {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
