// Producing a planned stream, waiting until a consumer group has committed everything, and
// reading the dead-letter topic, against the real broker.
import { randomBytes } from "node:crypto";
import { createKafkaClient, type KafkaClient } from "#kafka/client.ts";
import { createLogger } from "#logging/logger.ts";
import type { StreamMessage } from "./event-stream.ts";
import type { DeadLetter } from "#consumers/dead-letter.ts";
import { watchOffsets } from "./offset-watch.ts";

export function testKafka(brokers: string): KafkaClient {
  return createKafkaClient(
    { brokers: brokers.split(","), clientId: `test-${randomBytes(3).toString("hex")}` },
    createLogger("silent"),
  );
}

export async function produce(
  kafka: KafkaClient,
  prefix: string,
  messages: StreamMessage[],
  chunk = 250,
): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += chunk) {
      const slice = messages.slice(i, i + chunk);
      const byTopic = new Map<string, Array<{ key: string; value: Buffer }>>();
      for (const m of slice) {
        const list = byTopic.get(prefix + m.topic) ?? [];
        list.push({ key: m.key, value: m.value });
        byTopic.set(prefix + m.topic, list);
      }
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Committed offsets of the group minus the topics' high watermarks, summed (0 = all done). */
export async function remainingFor(
  kafka: KafkaClient,
  groupId: string,
  topics: string[],
): Promise<number> {
  const watch = await watchOffsets(kafka, groupId, topics);
  try {
    return await watch.remaining();
  } finally {
    await watch.close();
  }
}

export async function waitUntil(
  check: () => Promise<boolean>,
  what: string,
  limitMs = 240_000,
): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`gave up waiting: ${what}`);
}

/** Every record on the DLQ topic, read from the beginning by a fresh group. */
export async function readDeadLetters(kafka: KafkaClient, dlqTopic: string): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  const heads = await admin.fetchTopicOffsets(dlqTopic);
  await admin.disconnect();
  const total = heads.reduce((n, h) => n + Number(h.high) - Number(h.low), 0);
  const letters: DeadLetter[] = [];
  if (total === 0) return letters;
  const consumer = kafka.consumer(`dlq-reader-${randomBytes(4).toString("hex")}`);
  await consumer.connect();
  await consumer.subscribe({ topics: [dlqTopic], fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        letters.push(JSON.parse(String(message.value)) as DeadLetter);
        if (letters.length >= total) resolve();
      },
    });
  });
  await consumer.disconnect();
  return letters;
}
