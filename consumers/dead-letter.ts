// The dead-letter record published to agency.dlq.v1 (contract: events.md): the original bytes,
// where they came from, why they were refused (every issue with its path), and when.
import type { Producer } from "#kafka/client.ts";
import { createGroupQueue } from "#runtime/group-queue.ts";
import type { RejectReason, ValidationIssue } from "#ingestion/validate-event.ts";

/** One dead letter as a Kafka message. */
interface Message {
  key: string;
  value: string;
  headers: { reason: string };
}

export interface DeadLetter {
  originalBase64: string;
  topic: string;
  partition: number;
  offset: string;
  reason: RejectReason;
  issues: ValidationIssue[];
  eventId: string | null;
  source: string | null;
  at: string;
}

export function deadLetter(input: {
  raw: Buffer;
  topic: string;
  partition: number;
  offset: string;
  reason: RejectReason;
  issues: ValidationIssue[];
  eventId: string | undefined;
  source: string | undefined;
  at?: Date;
}): DeadLetter {
  return {
    originalBase64: input.raw.toString("base64"),
    topic: input.topic,
    partition: input.partition,
    offset: input.offset,
    reason: input.reason,
    issues: input.issues,
    eventId: input.eventId ?? null,
    source: input.source ?? null,
    at: (input.at ?? new Date()).toISOString(),
  };
}

/** Publishes dead letters; resolves once they are on the DLQ topic (acks from every replica). */
export interface DeadLetterSender {
  send(letters: readonly DeadLetter[]): Promise<void>;
}

/**
 * Bytes of letters in one produce request at most: a letter carries its event's bytes in base64,
 * and the broker refuses a record batch over its `message.max.bytes` (1 MB by default).
 */
const MAX_REQUEST_BYTES = 512 * 1024;

/**
 * One produce request in flight at a time, carrying the letters queued since the last one, up to
 * MAX_REQUEST_BYTES. The hub's producer is idempotent with one request in flight and shared by
 * every partition being consumed: a request per letter queued each chunk behind every other
 * chunk's letters (115 ms a chunk at 20,000 events). Letters of several chunks in one request
 * must stay under the broker's `message.max.bytes`: a request of three 400 KB letters was refused
 * and its partition waited on it for good. kafkajs's idempotent producer expects each send to be
 * awaited before the next (kafkajs#1005); this is the runner's one sender. Each letter is keyed
 * by its origin, so a re-publish after a crash can be recognised downstream.
 */
export function createDeadLetterSender(producer: Producer, dlqTopic: string): DeadLetterSender {
  const enqueue = createGroupQueue<Message>({
    flush: async (messages) => {
      await producer.send({ topic: dlqTopic, acks: -1, messages });
    },
    weigh: (message) => Buffer.byteLength(message.value),
    maxWeight: MAX_REQUEST_BYTES,
  });
  return {
    async send(letters) {
      await Promise.all(
        letters.map((letter) =>
          enqueue({
            key: `${letter.topic}:${letter.partition}:${letter.offset}`,
            value: JSON.stringify(letter),
            headers: { reason: letter.reason },
          }),
        ),
      );
    },
  };
}
