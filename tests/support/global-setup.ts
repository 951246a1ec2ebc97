// Runs once before the integration project (Jest globalSetup): makes sure a real PostgreSQL and a real Kafka broker are there
// (starting them with tools/scripts/services-up.sh unless TEST_DATABASE_URL and TEST_KAFKA_BROKERS
// are given),
// then builds one migrated template database that each test file clones in milliseconds.
import pg from "pg";
import { migrateDatabase } from "#db/migrate.ts";
import { servicesUp } from "#scripts/services.ts";
import {
  DEFAULT_ROLES,
  ensureRoles,
  prepareDatabase,
  withDatabase,
} from "#scripts/database-roles.ts";
import { provide } from "./provided.ts";

export default async function setup(): Promise<void> {
  let databaseUrl = process.env["TEST_DATABASE_URL"];
  let brokers = process.env["TEST_KAFKA_BROKERS"];
  if (!databaseUrl || !brokers) {
    const services = servicesUp();
    databaseUrl ??= services.databaseUrl;
    brokers ??= services.kafkaBrokers;
  }

  // the two roles (owner, runtime): the template belongs to the owner, which migrates it and
  // grants the runtime role what the hub may do; the runtime role owns the audit anchor schema
  await ensureRoles(databaseUrl);
  const template = `mash_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  await prepareDatabase(databaseUrl, template);
  await migrateDatabase(
    withDatabase(databaseUrl, template, DEFAULT_ROLES.runtime),
    withDatabase(databaseUrl, template, DEFAULT_ROLES.owner),
  );

  provide("adminDatabaseUrl", databaseUrl);
  provide("templateDatabase", template);
  provide("kafkaBrokers", brokers);
  const runId = `r${process.pid}`;
  provide("runId", runId);
}
