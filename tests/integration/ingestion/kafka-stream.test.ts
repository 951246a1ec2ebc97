import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../../support/provided.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { topicNames } from "#consumers/topic-names.ts";
import type { KafkaClient } from "#kafka/client.ts";
import { planStream } from "./event-stream.ts";
import { produce, readDeadLetters, remainingFor, testKafka, waitUntil } from "./kafka-helpers.ts";
import { countRows } from "./db-counts.ts";
import { createTestDatabase } from "../../support/database.ts";
import type { TestDatabase } from "../../support/database.ts";

describe("agency events arriving on Kafka", () => {
  let hub: TestHub;
  let kafka: KafkaClient;
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    hub = await startTestHub({ kafka: true, database });
    kafka = testKafka(inject("kafkaBrokers"));
  });
  afterAll(async () => {
    await hub?.stop();
    await database?.drop();
  });

  it("reports ready once the consumers have joined their group", async () => {
    await waitUntil(async () => (await fetch(`${hub.url}/readyz`)).status === 200, "readyz");
    const body = (await (await fetch(`${hub.url}/readyz`)).json()) as {
      checks: Record<string, boolean>;
    };
    expect(body.checks["agency-consumers"]).toBe(true);
    expect(body.checks["outbox-relay"]).toBe(true);
  });

  it("stores 5,000 events with 10% duplicates and 3% bad ones exactly once, and dead-letters each bad one and each conflict with its issues", async () => {
    const plan = planStream(Number(process.env["INGEST_STREAM"] ?? 5000), 11);
    const names = topicNames(hub.topicPrefix);
    await produce(kafka, hub.topicPrefix, plan.messages);
    const groupId = hub.env["KAFKA_GROUP_ID"] as string;
    await waitUntil(
      async () => (await remainingFor(kafka, groupId, Object.values(names.agency))) === 0,
      "the consumer group to commit every offset",
      // a bound, not a speed check: a loaded 2-core CI machine ingests 5,000 events slowly
      900_000,
    );

    const counts = await countRows(hub.db.url);
    expect(counts.inbound).toBe(plan.distinctValid);
    expect(counts.rejected).toBe(plan.bad + plan.conflicts);
    expect(counts.rejectedByReason["CONFLICT"]).toBe(plan.conflicts);

    const letters = await readDeadLetters(kafka, names.dlq);
    const origins = new Set(letters.map((l) => `${l.topic}:${l.partition}:${l.offset}`));
    expect(origins.size).toBe(plan.bad + plan.conflicts);
    for (const letter of letters) {
      expect(letter.issues.length).toBeGreaterThan(0);
      for (const issue of letter.issues) {
        expect(issue.path).not.toBe("");
        expect(issue.message).not.toBe("");
      }
      expect(Buffer.from(letter.originalBase64, "base64").length).toBeGreaterThan(0);
      expect(Object.values(names.agency)).toContain(letter.topic);
    }
    expect(letters.filter((l) => l.reason === "CONFLICT").length).toBeGreaterThanOrEqual(
      plan.conflicts,
    );
  }, 1_200_000);

  it("shows dead-letter counts and consumer lag on /metrics", async () => {
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    expect(text).toMatch(/mash_dlq_published_total\{reason="NOT_JSON"/);
    expect(text).toMatch(/mash_consumer_lag\{topic="agency\.police\.v1",partition="\d"\} 0/);
    expect(text).toMatch(/mash_events_duplicate_total\{source="[A-Z_]+",via="KAFKA"\}/);
  });
});
