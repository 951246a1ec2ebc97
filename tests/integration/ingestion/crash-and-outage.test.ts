import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "@jest/globals";
import { inject } from "../../support/provided.ts";
import { startTestHub, TEST_JWT_SECRET } from "../../support/hub.ts";
import { topicNames } from "#consumers/topic-names.ts";
import { ensureTopics } from "#kafka/client.ts";
import { planStream } from "./event-stream.ts";
import { produce, readDeadLetters, remainingFor, testKafka, waitUntil } from "./kafka-helpers.ts";
import { countRows } from "./db-counts.ts";
import { createTestDatabase } from "../../support/database.ts";
import { freePort, startHubProcess } from "./hub-process.ts";

const STREAM = Number(process.env["INGEST_STREAM"] ?? 5000);
const kafka = () => testKafka(inject("kafkaBrokers"));
const cleanups: Array<() => Promise<void>> = [];
// Each clean-up is given a minute: a hub whose stop() hangs must not keep the databases alive.
afterAll(async () => {
  for (const c of cleanups.reverse()) {
    await Promise.race([c().catch(() => undefined), new Promise((r) => setTimeout(r, 60_000))]);
  }
}, 300_000);

describe("a consumer killed in the middle of the stream", () => {
  it("loses nothing and doubles nothing when killed with SIGKILL and started again", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const prefix = `k${randomBytes(4).toString("hex")}.`;
    const env = {
      NODE_ENV: "test",
      PORT: String(await freePort()),
      LOG_LEVEL: "warn",
      DATABASE_URL: database.url,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      KAFKA_BROKERS: inject("kafkaBrokers"),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_GROUP_ID: `mash-hub-${prefix}`,
    };
    const client = kafka();
    const names = topicNames(prefix);
    await ensureTopics(client, names.all);
    const plan = planStream(STREAM, 23);

    let hub = await startHubProcess(env);
    cleanups.push(async () => {
      hub.child.kill("SIGKILL");
    });
    await produce(client, prefix, plan.messages);
    await waitUntil(
      async () => (await countRows(database.url)).inbound >= plan.distinctValid * 0.3,
      "a third of the stream stored",
    );
    hub.child.kill("SIGKILL");
    expect(await hub.exited).toBe(null);
    const atKill = (await countRows(database.url)).inbound;
    expect(atKill).toBeLessThan(plan.distinctValid);

    hub = await startHubProcess(env);
    await waitUntil(
      async () =>
        (await remainingFor(client, env.KAFKA_GROUP_ID, Object.values(names.agency))) === 0,
      "every offset committed after the restart",
      600_000,
    );
    const counts = await countRows(database.url);
    expect(counts.inbound).toBe(plan.distinctValid);
    expect(counts.rejected).toBe(plan.bad + plan.conflicts);
    const letters = await readDeadLetters(client, names.dlq);
    expect(new Set(letters.map((l) => `${l.topic}:${l.partition}:${l.offset}`)).size).toBe(
      plan.bad + plan.conflicts,
    );

    // SIGTERM: finishes, commits, leaves the group, exits 0
    hub.child.kill("SIGTERM");
    expect(await hub.exited).toBe(0);
    const admin = client.admin();
    await admin.connect();
    const { groups } = await admin.describeGroups([env.KAFKA_GROUP_ID]);
    await admin.disconnect();
    expect(groups[0]?.members).toEqual([]);
  }, 900_000);
});

describe("the database going away in the middle of the stream", () => {
  it("pauses consumption, resumes when the database is back, and ends with the same counts", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const hub = await startTestHub({ kafka: true, database });
    cleanups.push(() => hub.stop());
    const client = kafka();
    const names = topicNames(hub.topicPrefix);
    const plan = planStream(STREAM, 29);
    await produce(client, hub.topicPrefix, plan.messages);
    await waitUntil(
      async () => (await countRows(database.url)).inbound >= plan.distinctValid * 0.3,
      "a third of the stream stored",
    );

    const admin = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS false`);
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`,
        [database.name],
      );
      await new Promise((r) => setTimeout(r, 2_000));
      const ready = (await (await fetch(`${hub.url}/readyz`)).json()) as {
        checks: Record<string, boolean>;
      };
      expect(ready.checks["database"]).toBe(false);
      await new Promise((r) => setTimeout(r, 4_000));
    } finally {
      await admin.query(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }

    await waitUntil(
      async () =>
        (await remainingFor(
          client,
          hub.env["KAFKA_GROUP_ID"] as string,
          Object.values(names.agency),
        )) === 0,
      "every offset committed after the outage",
      600_000,
    );
    const counts = await countRows(database.url);
    expect(counts.inbound).toBe(plan.distinctValid);
    expect(counts.rejected).toBe(plan.bad + plan.conflicts);
    expect(counts.rejectedByReason["PROCESSING_FAILED"]).toBeUndefined();
    const metrics = await (await fetch(`${hub.url}/metrics`)).text();
    expect(metrics).toMatch(/mash_consumer_retries_total\{topic="agency\.[a-z]+\.v1"\} [1-9]/);
  }, 900_000);
});
