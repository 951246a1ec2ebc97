// npm run rules:compare -- --from 1 --to 2: a shadow comparison before a partnership switches
// rule versions (Walsall shadow-tested its screening filter for two months, seed 002). Rates
// every child in the configured database under both versions, now, without writing anything
// (read-only transactions), and prints how many children's ratings would rise, fall or stay, and
// which rules cause the changes. Counts only: no child is named.
import { parseArgs } from "node:util";
import { loadConfigOrExit } from "#config/index.ts";
import { createDb } from "#db/client.ts";
import { findRuleSet, RULE_VERSIONS } from "#rag/index.ts";
import { compareRuleSets, formatComparison } from "#scripts/compare-rule-sets.ts";

const USAGE = `usage: npm run rules:compare -- --from <version> --to <version> [--batch N] (versions: ${RULE_VERSIONS.join(", ")})`;

function fail(message: string): never {
  console.error(`rules:compare: ${message}`);
  process.exit(64);
}

let values: { from?: string; to?: string; batch: string; help?: boolean };
try {
  values = parseArgs({
    options: {
      from: { type: "string" },
      to: { type: "string" },
      batch: { type: "string", default: "1000" },
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
const version = (name: "from" | "to") => {
  const raw = values[name];
  if (raw === undefined) fail(`--${name} is required; ${USAGE}`);
  const set = /^\d+$/.test(raw) ? findRuleSet(Number(raw)) : undefined;
  if (!set)
    fail(
      `--${name} must be one of the rule versions ${RULE_VERSIONS.join(", ")} (got ${JSON.stringify(raw)})`,
    );
  return set;
};
const from = version("from");
const to = version("to");
const batch = Number(values.batch);
if (!Number.isInteger(batch) || batch < 1 || batch > 10_000)
  fail("--batch must be between 1 and 10000");

const config = loadConfigOrExit();
if (!config.database.url) fail("DATABASE_URL is required (the database whose children to rate)");
const db = createDb(config.database.url, 2);
try {
  const started = Date.now();
  const result = await compareRuleSets(db, from, to, { batch });
  console.log(formatComparison(result, Date.now() - started));
} catch (error) {
  console.error(`rules:compare failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
