// The transactional outbox: call inside the transaction that makes the change; the relay
// (outbox/relay.ts) publishes committed rows to Kafka, in id order, retrying until sent.
// A raw insert: it runs inside every event transaction that makes a notification or alert.
import type { Tx } from "#db/client.ts";

export type OutboxTopic = "mash.notifications.v1" | "mash.alerts.v1";

export async function enqueueOutbox(
  tx: Tx,
  topic: OutboxTopic,
  key: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "OutboxMessage" ("topic", "key", "payload")
    VALUES (${topic}, ${key}, ${JSON.stringify(payload)}::jsonb)`;
}
