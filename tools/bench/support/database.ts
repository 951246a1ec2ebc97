// Bench databases: one migrated template per run, cloned in milliseconds for each database a
// scenario asks for; every database made is dropped when the run ends. As in production (and the
// tests), the two roles of docs/threat-model.md: the owner role owns the database and migrates
// it, and the hub logs in as the runtime role (`hubUrl`), which may add access events but not
// change them — what a hub started with NODE_ENV=production insists on.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrateDatabase } from "#db/migrate.ts";
import {
  DEFAULT_ROLES,
  ensureRoles,
  prepareDatabase,
  withDatabase,
} from "#scripts/database-roles.ts";

export interface BenchDatabase {
  /** The admin role (a superuser): seeding, checks, anything done behind the hub's back. */
  url: string;
  /** The hub's runtime role: give this one to a hub (or to code standing in for one). */
  hubUrl: string;
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
        await ensureRoles(adminUrl);
        await admin((c) => c.query(`CREATE DATABASE ${template}`));
        made.add(template);
        await prepareDatabase(adminUrl, template);
        await migrateDatabase(
          withDatabase(adminUrl, template, DEFAULT_ROLES.runtime),
          withDatabase(adminUrl, template, DEFAULT_ROLES.owner),
        );
      })();
      await templateReady;
      const name = `mash_bench_${run}_${randomBytes(4).toString("hex")}`;
      await admin((c) =>
        c.query(`CREATE DATABASE ${name} TEMPLATE ${template} OWNER ${DEFAULT_ROLES.owner}`),
      );
      made.add(name);
      return {
        url: urlFor(name),
        hubUrl: withDatabase(adminUrl, name, DEFAULT_ROLES.runtime),
        name,
        drop: () => drop(name),
      };
    },
    async dropAll() {
      for (const name of [...made]) await drop(name).catch(() => undefined);
    },
  };
}
