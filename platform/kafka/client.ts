// The only module that imports the Kafka client library, so that it could be swapped (for example
// for @confluentinc/kafka-javascript) without touching consumers or the outbox relay. Its log
// entries go to pino at the level log-level.ts gives them.
import { Kafka, logLevel, type Consumer, type Producer, type Admin } from "kafkajs";
import type { Logger } from "#logging/logger.ts";
import { kafkaLogLevel } from "./log-level.ts";
import { HUB_TOPICS } from "./topics.ts";

export type { Consumer, Producer, Admin, EachBatchPayload, KafkaMessage } from "kafkajs";

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
}

export interface KafkaClient {
  producer(): Producer;
  consumer(groupId: string, options?: { sessionTimeout?: number }): Consumer;
  admin(): Admin;
}

export function createKafkaClient(settings: KafkaSettings, logger: Logger): KafkaClient {
  const log = logger.child({ component: "kafka" });
  const kafka = new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    retry: { retries: 8, initialRetryTime: 200 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }) => {
        const { message, ...rest } = entry;
        // kafkajs describes the broker and the protocol here, never a message's content
        const fields = { broker: rest["broker"], kafkaError: rest["error"] };
        log[kafkaLogLevel(level, entry)](fields, message);
      },
  });
  return {
    producer: () => kafka.producer({ idempotent: true, maxInFlightRequests: 1 }),
    consumer: (groupId, options) =>
      kafka.consumer({
        groupId,
        sessionTimeout: options?.sessionTimeout ?? 30_000,
        heartbeatInterval: 3_000,
        allowAutoTopicCreation: false,
        // a fetch brings at most 3 MB across partitions (kafkajs: 10 MB), still 1 MB a
        // partition: the hub's peak memory while ingesting fell ~60 MB at the same rate
        // (decision 76)
        maxBytes: 3 * 1024 * 1024,
      }),
    admin: () => kafka.admin(),
  };
}

/**
 * The dead-letter topic takes records up to 4 MB: a letter carries the refused message's bytes in
 * base64 (a third more), so a message the agency topic accepted at the broker's default 1 MB
 * would otherwise be refused again on the DLQ, and its partition would wait on it for good.
 */
const DLQ_CONFIG = [{ name: "max.message.bytes", value: String(4 * 1024 * 1024) }];

/** Creates any of the given topics that do not exist yet, and returns once each has a leader. */
export async function ensureTopics(
  client: KafkaClient,
  topics: string[],
  partitions = 3,
  limitMs = 60_000,
) {
  const admin = client.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      // kafkajs's own waitForLeaders gives up on the first UNKNOWN_TOPIC_OR_PARTITION, which a
      // KRaft broker answers for a moment after creating a topic; waitForLeaders below retries it.
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: partitions,
          replicationFactor: 1,
          ...(topic.endsWith(HUB_TOPICS.dlq) ? { configEntries: DLQ_CONFIG } : {}),
        })),
      });
    }
    await waitForLeaders(admin, topics, limitMs);
  } finally {
    await admin.disconnect();
  }
}

const notYetServed = new Set(["UNKNOWN_TOPIC_OR_PARTITION", "LEADER_NOT_AVAILABLE"]);

async function waitForLeaders(admin: Admin, topics: string[], limitMs: number) {
  const until = Date.now() + limitMs;
  for (;;) {
    try {
      const { topics: described } = await admin.fetchTopicMetadata({ topics });
      const led = described.every(
        (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
      );
      if (led) return;
    } catch (error) {
      if (!notYetServed.has((error as { type?: string }).type ?? "")) throw error;
    }
    if (Date.now() > until)
      throw new Error(`Kafka topics still have no leader after ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
