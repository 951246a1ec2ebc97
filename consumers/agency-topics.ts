// The agency topics the runner consumes: one per adapter in the connectors' registry. Each
// carries its agency's events only; the message bytes go to the shared validation unchanged.
import type { KafkaMessage } from "#kafka/client.ts";
import type { IngestMeta } from "#ingestion/ingest-event.ts";
import { AGENCY_ADAPTERS, type AgencyName } from "#connectors/registry.ts";

export interface AgencyTopic {
  /** The topic name without the configured prefix, e.g. agency.police.v1 (metric labels). */
  baseTopic: string;
  source: AgencyName;
}

export interface IngestInput {
  raw: Buffer;
  meta: IngestMeta;
  expectedSource: AgencyName;
}

/** The consumed topics by their prefixed name. */
export function agencyTopics(prefix: string): Map<string, AgencyTopic> {
  return new Map(
    AGENCY_ADAPTERS.map((a) => [prefix + a.topic, { baseTopic: a.topic, source: a.source }]),
  );
}

export function toIngest(
  from: AgencyTopic,
  message: KafkaMessage,
  topic: string,
  partition: number,
): IngestInput {
  return {
    raw: message.value ?? Buffer.alloc(0),
    meta: { via: "KAFKA", agency: from.source, topic, partition, offset: message.offset },
    expectedSource: from.source,
  };
}
