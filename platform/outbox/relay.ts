// Publishes committed outbox rows to Kafka, oldest first, and marks them published. Rows are
// claimed with FOR UPDATE SKIP LOCKED so that several hub replicas can relay side by side; a
// failed send leaves the rows unpublished (attempts counted) and the relay tries again later.
// A crash between send and mark re-sends: delivery is at-least-once, keyed by the outbox id.
import { sqlPool, type Db } from "#db/client.ts";
import { inPgTransaction } from "#db/sql-tx.ts";
import type { Logger } from "#logging/logger.ts";
import type { KafkaClient } from "#kafka/client.ts";
import type { Worker } from "#runtime/worker.ts";

export interface OutboxRelayDeps {
  kafka: KafkaClient;
  db: Db;
  logger: Logger;
  topicPrefix: string;
  pollIntervalMs?: number;
  batchSize?: number;
}

interface OutboxRow {
  id: bigint;
  topic: string;
  key: string;
  payload: unknown;
}

export function createOutboxRelay(deps: OutboxRelayDeps): Worker & {
  /** Relays what is waiting now; answers how many rows were published. */
  relayOnce(): Promise<number>;
} {
  const log = deps.logger.child({ component: "outbox-relay" });
  const producer = deps.kafka.producer();
  const pollMs = deps.pollIntervalMs ?? 200;
  const batchSize = deps.batchSize ?? 200;
  let connected = false;
  let stopping = false;
  let loop: Promise<void> | undefined;
  let failures = 0;

  async function relayOnce(): Promise<number> {
    let published = 0;
    try {
      // plain `pg`, like the ingestion that fills the outbox: it runs after every busy batch
      published = await inPgTransaction(sqlPool(deps.db), async (tx) => {
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, topic, key, payload FROM "OutboxMessage"
          WHERE "publishedAt" IS NULL ORDER BY id LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        const ids = rows.map((r) => String(r.id));
        try {
          await send(rows);
        } catch (error) {
          await tx.$executeRaw`
            UPDATE "OutboxMessage" SET "attempts" = "attempts" + 1
             WHERE "id" = ANY(${ids}::bigint[])`;
          log.warn({ err: error, rows: rows.length }, "outbox publish failed; will retry");
          return -1;
        }
        await tx.$executeRaw`
          UPDATE "OutboxMessage" SET "publishedAt" = clock_timestamp(), "attempts" = "attempts" + 1
           WHERE "id" = ANY(${ids}::bigint[])`;
        return rows.length;
      });
    } catch (error) {
      log.warn({ err: error }, "outbox relay could not reach the database; will retry");
      published = -1;
    }
    failures = published < 0 ? failures + 1 : 0;
    return Math.max(0, published);
  }

  async function send(rows: OutboxRow[]) {
    const byTopic = new Map<string, OutboxRow[]>();
    for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic: deps.topicPrefix + topic,
        messages: list.map((r) => ({
          key: r.key,
          value: JSON.stringify(r.payload),
          headers: { "outbox-id": r.id.toString() },
        })),
      })),
    });
  }

  async function run() {
    while (!stopping) {
      const n = await relayOnce();
      if (n >= batchSize) continue;
      const wait = failures > 0 ? Math.min(10_000, pollMs * 2 ** Math.min(failures, 6)) : pollMs;
      const until = Date.now() + wait;
      while (!stopping && Date.now() < until) {
        await new Promise((r) => setTimeout(r, Math.min(50, until - Date.now())));
      }
    }
  }

  return {
    name: "outbox-relay",
    relayOnce,
    async start() {
      await producer.connect();
      connected = true;
      loop = run();
    },
    async stop() {
      stopping = true;
      await loop;
      if (connected) await producer.disconnect();
      connected = false;
    },
    ready: () => connected,
  };
}
