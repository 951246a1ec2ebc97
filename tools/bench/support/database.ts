// Bench databases: one migrated template per run, cloned in milliseconds for each database a
// scenario asks for; every database made is dropped when the run ends.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { runMigrations } from "#db/migrate.ts";

export interface BenchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export interface DatabaseFactory {
  create(): Promise<BenchDatabase>;
  dropAll(): Promise<void>;
}

export function createDatabaseFactory(adminUrl: string): DatabaseFactory {
  const run = randomBytes(3).toString("hex");
  const template = `mash_bench_template_${run}`;
  const made = new Set<string>();
  let templateReady: Promise<void> | undefined;

  const admin = async <T>(f: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      return await f(c);
    } finally {
      await c.end();
    }
  };
  const urlFor = (name: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const drop = (name: string) =>
    admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {
      made.delete(name);
    });

  return {
    async create() {
      templateReady ??= (async () => {
        await admin((c) => c.query(`CREATE DATABASE ${template}`));
        made.add(template);
        await runMigrations(urlFor(template));
      })();
      await templateReady;
      const name = `mash_bench_${run}_${randomBytes(4).toString("hex")}`;
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      made.add(name);
      return { url: urlFor(name), name, drop: () => drop(name) };
    },
    async dropAll() {
      for (const name of [...made]) await drop(name).catch(() => undefined);
    },
  };
}
