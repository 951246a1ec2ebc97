// The dead-letter record published to agency.dlq.v1 (contract: events.md): the original bytes,
// where they came from, why they were refused (every issue with its path), and when.
import type { Producer } from "#kafka/client.ts";
import type { RejectReason, ValidationIssue } from "#ingestion/validate-event.ts";

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

/** Keyed by origin so that a re-publish after a crash can be recognised downstream. */
export async function publishDeadLetter(
  producer: Producer,
  dlqTopic: string,
  letter: DeadLetter,
): Promise<void> {
  await producer.send({
    topic: dlqTopic,
    acks: -1,
    messages: [
      {
        key: `${letter.topic}:${letter.partition}:${letter.offset}`,
        value: JSON.stringify(letter),
        headers: { reason: letter.reason },
      },
    ],
  });
}
