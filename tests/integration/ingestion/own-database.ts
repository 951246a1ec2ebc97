// A database for one ingestion test file, cloned from the run's migrated template. Named
// ingest_t_* rather than mash_t_*: the shared global teardown of any other concurrent vitest run
// drops every mash_t_* database, which would pull the floor from under these long tests.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import type { TestDatabase } from "../../support/database.ts";

export async function createOwnDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("adminDatabaseUrl");
  const name = `ingest_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("templateDatabase")}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
