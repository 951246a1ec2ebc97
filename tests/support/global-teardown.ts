// After the integration project: drops the template database and this run's databases left
// behind by test files that crashed (never another run's).
import pg from "pg";
import { inject } from "./provided.ts";

export default async function teardown(): Promise<void> {
  const c = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${inject("templateDatabase")} WITH (FORCE)`);
  const { rows } = await c.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE $1",
    [`mash_t_${inject("runId")}_%`],
  );
  for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  await c.end();
}
