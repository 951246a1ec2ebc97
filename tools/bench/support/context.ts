// What every scenario receives (bench/README.md): sizes, databases, brokers, a logger.
import type { BenchConfig } from "#config/bench.ts";
import type { Logger } from "#logging/logger.ts";
import { generateDataset } from "#seed/generate.ts";
import type { Dataset } from "#seed/types.ts";
import { createDatabaseFactory, type BenchDatabase } from "./database.ts";
import { seedInto } from "./seed.ts";

export type { BenchDatabase } from "./database.ts";

export interface SeededDatabase extends BenchDatabase {
  children: number;
  childIds: string[];
  seedMs: number;
}

export interface BenchContext {
  quick: boolean;
  children: number;
  size(full: number, quick: number): number;
  adminDatabaseUrl: string;
  kafkaBrokers: string | undefined;
  logger: Logger;
  logLevel: string;
  progress(message: string): void;
  createDatabase(): Promise<BenchDatabase>;
  /** Shared for the run by (children, seed): treat as read-only. */
  seededDatabase(options: { children: number; seed?: number }): Promise<SeededDatabase>;
  dataset(options: { children: number; seed?: number }): Dataset;
}

export interface RunContext extends BenchContext {
  /** Names the scenario that progress lines belong to. */
  forScenario(name: string): BenchContext;
  close(): Promise<void>;
}

export function createBenchContext(
  config: BenchConfig,
  logger: Logger,
  adminDatabaseUrl: string,
): RunContext {
  const databases = createDatabaseFactory(adminDatabaseUrl);
  const seeded = new Map<string, Promise<SeededDatabase>>();
  const datasets = new Map<string, Dataset>();
  let scenario = "bench";

  const ctx: RunContext = {
    quick: config.quick,
    children: config.children,
    size: (full, quick) => (config.quick ? quick : full),
    adminDatabaseUrl,
    kafkaBrokers: config.kafkaBrokers,
    logger,
    logLevel: config.logLevel,
    progress: (message) => process.stderr.write(`[${scenario}] ${message}\n`),
    createDatabase: () => databases.create(),
    seededDatabase({ children, seed = 1 }) {
      const key = `${children}:${seed}`;
      let p = seeded.get(key);
      if (!p) {
        p = (async () => {
          ctx.progress(`seeding a database of ${children} children (seed ${seed})`);
          const db = await databases.create();
          const r = await seedInto(db.url, { children, seed });
          ctx.progress(`seeded ${children} children in ${r.seedMs} ms`);
          return { ...db, children, childIds: r.childIds, seedMs: r.seedMs };
        })();
        seeded.set(key, p);
      }
      return p;
    },
    dataset({ children, seed = 1 }) {
      const key = `${children}:${seed}`;
      let d = datasets.get(key);
      if (!d) {
        d = generateDataset({ children, seed });
        datasets.set(key, d);
      }
      return d;
    },
    forScenario(name) {
      scenario = name;
      return ctx;
    },
    close: () => (config.keepDatabases ? Promise.resolve() : databases.dropAll()),
  };
  return ctx;
}
