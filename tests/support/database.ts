// A fresh database per test file, cloned from the migrated template (unique name, dropped after).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "./provided.ts";
import { DEFAULT_ROLES, withDatabase } from "#scripts/database-roles.ts";

export interface TestDatabase {
  /** A superuser: for tests that set things up or break them behind the hub's back. */
  url: string;
  /** The owner role: owns every table (the migrations ran as it). */
  ownerUrl: string;
  /** The hub's runtime role: may add access events, never change them. */
  runtimeUrl: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("adminDatabaseUrl");
  const template = inject("templateDatabase");
  const name = `mash_t_${inject("runId")}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template} OWNER ${DEFAULT_ROLES.owner}`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, name),
    ownerUrl: withDatabase(adminUrl, name, DEFAULT_ROLES.owner),
    runtimeUrl: withDatabase(adminUrl, name, DEFAULT_ROLES.runtime),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
