// Runs once before the suite: makes sure a real PostgreSQL and a real Kafka broker are there
// (starting them with scripts/services-up.sh unless DATABASE_URL and KAFKA_BROKERS are given),
// then builds one migrated template database that each test file clones in milliseconds.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { runMigrations } from "#db/migrate.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
    kafkaBrokers: string;
    /** Names this run's databases, so that teardown drops only its own. */
    runId: string;
  }
}

export default async function setup(project: TestProject) {
  let databaseUrl = process.env["TEST_DATABASE_URL"];
  let brokers = process.env["TEST_KAFKA_BROKERS"];
  if (!databaseUrl || !brokers) {
    const out = execFileSync("bash", [path.join(root, "tools/scripts/services-up.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const vars = Object.fromEntries(
      out
        .split("\n")
        .filter((l) => l.includes("="))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    databaseUrl ??= vars["DATABASE_URL"];
    brokers ??= vars["KAFKA_BROKERS"];
  }
  if (!databaseUrl || !brokers)
    throw new Error("services:up did not report DATABASE_URL/KAFKA_BROKERS");

  const template = `mash_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const templateUrl = new URL(databaseUrl);
  templateUrl.pathname = `/${template}`;
  await runMigrations(templateUrl.toString());

  project.provide("adminDatabaseUrl", databaseUrl);
  project.provide("templateDatabase", template);
  project.provide("kafkaBrokers", brokers);
  const runId = `r${process.pid}`;
  project.provide("runId", runId);

  return async () => {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    // this run's databases left behind by test files that crashed (never another run's)
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`mash_t_${runId}_%`],
    );
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await c.end();
  };
}
