// What a topic module gives the shared runner: which topic, which source it carries, and how a
// Kafka message becomes the input of the ingest service. Modules only map and validate.
import type { KafkaMessage } from "#kafka/client.ts";
import type { AgencyName } from "#auth/viewer.ts";
import type { IngestMeta } from "#ingestion/ingest-event.ts";

export interface TopicModule {
  /** The topic name without the configured prefix, e.g. agency.police.v1. */
  baseTopic: string;
  source: AgencyName;
  toIngest(message: KafkaMessage, topic: string, partition: number): IngestInput;
}

export interface IngestInput {
  raw: Buffer;
  meta: IngestMeta;
  expectedSource: AgencyName;
}

/** The mapping every agency topic shares: the message bytes, where they came from. */
export function agencyMessage(
  source: AgencyName,
  message: KafkaMessage,
  topic: string,
  partition: number,
): IngestInput {
  return {
    raw: message.value ?? Buffer.alloc(0),
    meta: { via: "KAFKA", topic, partition, offset: message.offset },
    expectedSource: source,
  };
}
