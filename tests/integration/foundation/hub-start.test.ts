import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createTestDatabase, type TestDatabase } from "../../support/database.ts";
import { runMigrations } from "#db/migrate.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";

const run = promisify(execFile);

describe("the hub on a real PostgreSQL", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t?.stop());

  it("answers liveness, readiness and metrics", async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { database: true } });
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toContain("mash_events_accepted_total");
  });

  it("answers the { __typename } ping without a token", async () => {
    const res = await t.gql(undefined, "{ __typename }");
    expect(res.data).toEqual({ __typename: "Query" });
  });

  it("refuses anything else without a token: HTTP 401 and UNAUTHENTICATED", async () => {
    const res = await t.gql(undefined, "{ ragRules { id } }");
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");
    expect(res.data).toBeUndefined();
  });
});

describe("migrations", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  it("apply to an empty database and create every table", async () => {
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    await runMigrations(db.url);
    const { rows } = await admin.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    await admin.end();
    const tables = rows.map((r) => r.table_name);
    for (const t of [
      "Person",
      "PersonIdentifier",
      "InboundEvent",
      "CpisPlan",
      "PoliceNotification",
      "EdAttendance",
      "SchoolAttendance",
      "EarlyHelpEpisode",
      "MashNotification",
      "Alert",
      "ConsentRecord",
      "AccessEvent",
      "MatchReview",
      "OutboxMessage",
    ]) {
      expect(tables).toContain(t);
    }
  });
});

describe("npm start with bad configuration", () => {
  it.each([
    ["PORT", "not-a-port"],
    ["DATABASE_URL", "mysql://nope"],
  ])("stops with one clear line naming %s", async (name, value) => {
    const err = await run("node_modules/.bin/tsx", ["server/main.ts"], {
      env: { ...process.env, [name]: value },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 78 });
    const lines = (err as { stderr: string }).stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${name} `));
  });
});
