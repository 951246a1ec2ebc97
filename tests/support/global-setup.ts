// Runs once before the integration project (Jest globalSetup): makes sure a real PostgreSQL and a real Kafka broker are there
// (starting them with scripts/services-up.sh unless DATABASE_URL and KAFKA_BROKERS are given),
// then builds one migrated template database that each test file clones in milliseconds.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { runMigrations } from "#db/migrate.ts";
import { provide } from "./provided.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export default async function setup(): Promise<void> {
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

  provide("adminDatabaseUrl", databaseUrl);
  provide("templateDatabase", template);
  provide("kafkaBrokers", brokers);
  const runId = `r${process.pid}`;
  provide("runId", runId);
}
