// npm run seed -- --children N [--seed S]: writes a deterministic synthetic dataset (default 500
// children, seed 1) into the configured DATABASE_URL, or the embedded PostgreSQL when none is set.
// Migrations run first. Prints counts only (no personal data).
import { parseArgs } from "node:util";
import { loadConfigOrExit } from "#config/index.ts";
import { runMigrations } from "#db/migrate.ts";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "#db/embedded.ts";
import { generateDataset, DEFAULT_SEED } from "#seed/generate.ts";
import { writeDataset } from "#seed/write.ts";

const { values } = parseArgs({
  options: {
    children: { type: "string", default: "500" },
    seed: { type: "string", default: String(DEFAULT_SEED) },
  },
});
const children = Number(values.children);
const seed = Number(values.seed);
if (!Number.isInteger(children) || children < 0) fail("--children must be a whole number");
if (!Number.isInteger(seed)) fail("--seed must be a whole number");

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
  const dataset = generateDataset({ children, seed, eventChildren: 0 });
  const generatedMs = Date.now() - started;
  const counts = await writeDataset(url, dataset);
  const totalMs = Date.now() - started;
  console.log(
    `seed: ${children} children (seed ${seed}) generated in ${generatedMs} ms, written in ${totalMs - generatedMs} ms`,
  );
  for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(20)} ${n}`);
} catch (error) {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}

function fail(message: string): never {
  console.error(`seed: ${message}`);
  process.exit(64);
}
