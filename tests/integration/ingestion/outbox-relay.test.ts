import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../../support/provided.ts";
import { createDb, type Db } from "#db/client.ts";
import { ensureTopics } from "#kafka/client.ts";
import { topicNames } from "#consumers/topic-names.ts";
import { createLogger } from "#logging/logger.ts";
import { enqueueOutbox } from "#outbox/enqueue.ts";
import { createOutboxRelay } from "#outbox/relay.ts";
import type { TestDatabase } from "../../support/database.ts";
import { createTestDatabase } from "../../support/database.ts";
import { testKafka } from "./kafka-helpers.ts";

describe("the outbox relay", () => {
  let database: TestDatabase;
  let db: Db;
  const prefix = `o${randomBytes(4).toString("hex")}.`;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url, 4);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("publishes committed rows once, in order, and never what was rolled back", async () => {
    const kafka = testKafka(inject("kafkaBrokers"));
    const names = topicNames(prefix);
    await ensureTopics(kafka, [names.notifications, names.alerts], 1);
    await db.$transaction(async (tx) => {
      for (let i = 0; i < 5; i++)
        await enqueueOutbox(tx, "mash.notifications.v1", `n-${i}`, { id: `n-${i}` });
      await enqueueOutbox(tx, "mash.alerts.v1", "a-1", { id: "a-1" });
    });
    await db
      .$transaction(async (tx) => {
        await enqueueOutbox(tx, "mash.notifications.v1", "rolled-back", { id: "rolled-back" });
        throw new Error("the change failed");
      })
      .catch(() => undefined);

    const relay = createOutboxRelay({
      kafka,
      db,
      logger: createLogger("silent"),
      topicPrefix: prefix,
    });
    await relay.start();
    await relay.stop();
    expect(await relay.relayOnce()).toBe(0);
    expect(await db.outboxMessage.count({ where: { publishedAt: null } })).toBe(0);

    const received: string[] = [];
    const consumer = kafka.consumer(`outbox-reader-${prefix}`);
    await consumer.connect();
    await consumer.subscribe({ topics: [names.notifications, names.alerts], fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push(String(message.key));
          if (received.length >= 6) resolve();
        },
      });
    });
    await new Promise((r) => setTimeout(r, 500));
    await consumer.disconnect();
    expect(received.filter((k) => k.startsWith("n-"))).toEqual(["n-0", "n-1", "n-2", "n-3", "n-4"]);
    expect(received).toContain("a-1");
    expect(received).not.toContain("rolled-back");
  });
});
