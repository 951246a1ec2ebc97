// The bench runner: discovers bench/scenarios/*.ts, runs them one after another, prints a table
// (each metric beside its baseline where the scenario measured one) and writes
// bench/results/<timestamp>.json. See bench/README.md.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadBenchConfig, type BenchConfig } from "#config/bench.ts";
import { createLogger } from "#logging/logger.ts";
import { parseCommandLine } from "#scripts/command-line.ts";
import { servicesUp } from "#scripts/services.ts";
import { createBenchContext } from "./support/context.ts";
import { setServerNodeFlags } from "./support/server-process.ts";
import type { Scenario, ScenarioResult } from "./support/scenario.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

interface Outcome extends Partial<ScenarioResult> {
  name: string;
  description: string;
  file: string;
  ok: boolean;
  durationMs: number;
  error?: string;
}

const values = parseCommandLine({
  name: "bench",
  summary:
    "Runs the benchmark scenarios in tools/bench/scenarios one after another, prints a table\n" +
    "and writes tools/bench/results/<time>.json. Starts the local services (services:up)\n" +
    "unless BENCH_DATABASE_URL and BENCH_KAFKA_BROKERS are given.",
  options: {
    only: {
      type: "string",
      value: "NAMES",
      description: "comma-separated filters on scenario or file names (default: every scenario)",
    },
  },
  notes: [
    "Environment: BENCH_QUICK=1 (small sizes), BENCH_CHILDREN, BENCH_DATABASE_URL,",
    "BENCH_KAFKA_BROKERS, BENCH_LOG_LEVEL (see tools/bench/README.md).",
  ],
});
const filters = (values.only ?? "")
  .split(",")
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);

const config = withLocalServices(loadBenchConfig());
if (config.cpuProfileDir) {
  setServerNodeFlags(["--cpu-prof", `--cpu-prof-dir=${path.resolve(config.cpuProfileDir)}`]);
}
const logger = createLogger(config.logLevel, { component: "bench" });
const ctx = createBenchContext(config, logger, config.databaseUrl);

const files = readdirSync(path.join(here, "scenarios"))
  .filter((f) => f.endsWith(".ts"))
  .sort();
const scenarios: Array<{ file: string; scenario: Scenario }> = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(here, "scenarios", file)).href)) as {
    default?: Scenario;
  };
  const s = mod.default;
  if (!s || typeof s.run !== "function" || typeof s.name !== "string") {
    console.error(`bench: ${file} does not default-export { name, description, run }; skipped`);
    continue;
  }
  const matches =
    filters.length === 0 ||
    filters.some((f) => s.name.toLowerCase().includes(f) || file.toLowerCase().includes(f));
  if (matches) scenarios.push({ file, scenario: s });
}
if (scenarios.length === 0) {
  console.error(`bench: no scenario matches ${filters.join(",") || "(none found)"}`);
  process.exit(1);
}

const startedAt = new Date();
console.error(
  `bench: ${scenarios.length} scenario(s), ${config.quick ? "quick" : "full"} mode, ${config.children} children`,
);
const outcomes: Outcome[] = [];
for (const { file, scenario } of scenarios) {
  const t0 = performance.now();
  try {
    const result = await scenario.run(ctx.forScenario(scenario.name));
    outcomes.push({
      name: scenario.name,
      description: scenario.description,
      file,
      ok: true,
      durationMs: Math.round(performance.now() - t0),
      ...result,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`bench: ${scenario.name} failed: ${message}`);
    outcomes.push({
      name: scenario.name,
      description: scenario.description,
      file,
      ok: false,
      durationMs: Math.round(performance.now() - t0),
      error: message,
    });
  }
}
await ctx.close();

printTable(outcomes);
const resultsDir = path.join(here, "results");
mkdirSync(resultsDir, { recursive: true });
const out = path.join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(
  out,
  JSON.stringify(
    {
      startedAt: startedAt.toISOString(),
      quick: config.quick,
      children: config.children,
      only: filters,
      node: process.version,
      scenarios: outcomes,
    },
    null,
    2,
  ) + "\n",
);
console.log(`\nresults: ${path.relative(process.cwd(), out)}`);
process.exit(outcomes.every((o) => o.ok) ? 0 : 1);

/** The configured PostgreSQL and brokers, or the local services (started if need be). */
function withLocalServices(c: BenchConfig): BenchConfig & { databaseUrl: string } {
  if (c.databaseUrl && c.kafkaBrokers) return { ...c, databaseUrl: c.databaseUrl };
  const local = servicesUp();
  return {
    ...c,
    databaseUrl: c.databaseUrl ?? local.databaseUrl,
    kafkaBrokers: c.kafkaBrokers ?? local.kafkaBrokers,
  };
}

function printTable(rows: Outcome[]) {
  const table: string[][] = [["scenario", "metric", "value", "baseline", "ratio"]];
  for (const o of rows) {
    if (!o.ok) {
      table.push([o.name, "FAILED", o.error?.slice(0, 60) ?? "", "", ""]);
      continue;
    }
    for (const [metric, value] of Object.entries(o.metrics ?? {})) {
      const base = o.baseline?.[metric];
      const ratio = base !== undefined && base !== 0 ? `${(value / base).toFixed(2)}×` : "";
      table.push([o.name, metric, fmt(value), base === undefined ? "" : fmt(base), ratio]);
    }
  }
  const widths = table[0]?.map((_, c) => Math.max(...table.map((r) => (r[c] ?? "").length))) ?? [];
  const line = (r: string[]) =>
    r
      .map((cell, c) => (c >= 2 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join("  ");
  console.log("");
  table.forEach((r, i) => {
    console.log(line(r));
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  });
  for (const o of rows) if (o.notes) console.log(`${o.name}: ${o.notes}`);
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString("en-GB");
  return v.toLocaleString("en-GB", { maximumFractionDigits: 2 });
}
