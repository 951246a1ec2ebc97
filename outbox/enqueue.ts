// The transactional outbox: call inside the transaction that makes the change; the relay
// (outbox/relay.ts) publishes committed rows to Kafka, in id order, retrying until sent.
import type { Tx } from "../db/client.ts";

export type OutboxTopic = "mash.notifications.v1" | "mash.alerts.v1";

export async function enqueueOutbox(
  tx: Tx,
  topic: OutboxTopic,
  key: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await tx.outboxMessage.create({ data: { topic, key, payload: payload as object } });
}
