// The transactional outbox: call inside the transaction that makes the change; the relay
// (outbox/relay.ts) publishes committed rows to Kafka, in id order, retrying until sent.
// A raw insert: it runs inside every event transaction that makes a notification or alert.
import type { SqlTx as Tx } from "#db/sql-tx.ts";

export type OutboxTopic = "mash.notifications.v1" | "mash.alerts.v1";

export async function enqueueOutbox(
  tx: Tx,
  topic: OutboxTopic,
  key: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await enqueueOutboxMany(tx, [{ topic, key, payload }]);
}

/** Several messages in one statement (a batch of events' notifications and alerts). */
export async function enqueueOutboxMany(
  tx: Tx,
  messages: ReadonlyArray<{ topic: OutboxTopic; key: string; payload: Record<string, unknown> }>,
): Promise<void> {
  if (messages.length === 0) return;
  // WITH ORDINALITY: the relay publishes in id order, so the rows keep the messages' order
  await tx.$executeRaw`
    INSERT INTO "OutboxMessage" ("topic", "key", "payload")
    SELECT m.topic, m.key, m.payload
      FROM unnest(${messages.map((m) => m.topic)}::text[], ${messages.map((m) => m.key)}::text[],
                  ${messages.map((m) => JSON.stringify(m.payload))}::jsonb[])
             WITH ORDINALITY AS m(topic, key, payload, n)
     ORDER BY m.n`;
}
