// Settings of the benchmark runner (npm run bench), read from the environment here like every
// other setting. Documented in bench/README.md.
import { z } from "zod";

const benchSchema = z.object({
  BENCH_QUICK: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "true"),
  BENCH_CHILDREN: z.coerce.number().int().positive().optional(),
  BENCH_DATABASE_URL: z.string().optional(),
  BENCH_KAFKA_BROKERS: z.string().optional(),
  BENCH_LOG_LEVEL: z.string().default("silent"),
  BENCH_CPU_PROFILE_DIR: z.string().optional(),
  BENCH_KEEP_DATABASES: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "true"),
});

export interface BenchConfig {
  quick: boolean;
  children: number;
  databaseUrl: string | undefined;
  kafkaBrokers: string | undefined;
  logLevel: string;
  /** Leave the run's databases in place (to look at a plan afterwards); drop them by hand. */
  keepDatabases: boolean;
  /** Where each server process writes a V8 CPU profile (node --cpu-prof) when it exits. */
  cpuProfileDir: string | undefined;
}

export function loadBenchConfig(
  source: Record<string, string | undefined> = process.env,
): BenchConfig {
  const e = benchSchema.parse(source);
  return {
    quick: e.BENCH_QUICK,
    children: e.BENCH_CHILDREN ?? (e.BENCH_QUICK ? 2_000 : 100_000),
    databaseUrl: e.BENCH_DATABASE_URL || source["DATABASE_URL"] || undefined,
    kafkaBrokers: e.BENCH_KAFKA_BROKERS || source["KAFKA_BROKERS"] || undefined,
    logLevel: e.BENCH_LOG_LEVEL,
    keepDatabases: e.BENCH_KEEP_DATABASES,
    cpuProfileDir: e.BENCH_CPU_PROFILE_DIR || undefined,
  };
}
