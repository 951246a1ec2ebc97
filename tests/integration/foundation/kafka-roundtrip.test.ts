import { randomBytes } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { inject } from "../../support/provided.ts";
import { createKafkaClient, ensureTopics } from "#kafka/client.ts";
import pino from "pino";

describe("the real Kafka broker", () => {
  it("round-trips a keyed message through a fresh topic and consumer group", async () => {
    // every kafkajs entry, to check that the ordinary start-up chatter is not logged as an error
    const entries: Array<{ level: number; msg: string; error?: string }> = [];
    const logger = pino(
      { level: "debug" },
      { write: (line: string) => entries.push(JSON.parse(line)) },
    );
    const client = createKafkaClient(
      { brokers: inject("kafkaBrokers").split(","), clientId: "roundtrip-test" },
      logger,
    );
    const topic = `roundtrip.${randomBytes(4).toString("hex")}`;
    await ensureTopics(client, [topic], 1);
    const producer = client.producer();
    await producer.connect();
    const consumer = client.consumer(`g-${topic}`);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: Array<{ key: string; value: string }> = [];
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push({ key: String(message.key), value: String(message.value) });
          if (received.length === 2) resolve();
        },
      });
    });
    await producer.send({
      topic,
      messages: [
        { key: "P-1", value: "first" },
        { key: "P-1", value: "second" },
      ],
    });
    await done;
    await consumer.disconnect();
    await producer.disconnect();
    expect(received).toEqual([
      { key: "P-1", value: "first" },
      { key: "P-1", value: "second" },
    ]);
    expect(entries.filter((e) => e.level >= 50)).toEqual([]); // 50: pino's error level
  });
});
