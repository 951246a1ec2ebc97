// The types of ingestion's outcomes, and one event taken in as a batch of one (ingest-batch.ts
// holds the pipeline and its guarantees: the event row with its content hash, the child, the
// record, the household links and what the event causes, in one transaction).
import type { Db, Tx } from "#db/client.ts";
import type { AgencyName } from "#auth/viewer.ts";
import type { RatingSettings } from "#notifications/rating-settings.ts";
import type { RejectReason, ValidationIssue } from "./validate-event.ts";
import { recordRejections } from "./record-rejections.ts";
import { ingestBatch } from "./ingest-batch.ts";

export interface IngestMeta {
  /** REPLAY: a MASH manager's replay of a rejected event (rejected-events.ts). */
  via: "KAFKA" | "API" | "REPLAY";
  /** The agency it came from: the submitting system's, or the topic's. */
  agency?: AgencyName;
  topic?: string;
  partition?: number;
  offset?: string;
}

export interface IngestOptions {
  maxEventBytes: number;
  now?: Date;
  /** For a Kafka topic: the one source it carries. */
  expectedSource?: AgencyName;
  /** The rule set in force and the decision timescales (default: version 2, version 1's timescales). */
  rating?: RatingSettings;
  /** false: a refused event is answered, not kept (a replay keeps its original record). */
  keepRejected?: boolean;
}

export type IngestOutcome =
  | {
      status: "ACCEPTED" | "DUPLICATE";
      eventId: string;
      source: AgencyName;
      inboundEventId: string;
      personId: string | undefined;
      notificationId: string | undefined;
    }
  | {
      status: "REJECTED";
      reason: RejectReason;
      issues: ValidationIssue[];
      eventId: string | undefined;
      source: AgencyName | undefined;
    };

/** One event: a batch of one (ingest-batch.ts), so every door takes events in the same way. */
export async function ingestEvent(
  db: Db,
  raw: Buffer | object,
  meta: IngestMeta,
  options: IngestOptions,
): Promise<IngestOutcome> {
  const { expectedSource, ...rest } = options;
  const [outcome] = await ingestBatch(
    db,
    [{ raw, meta, ...(expectedSource ? { expectedSource } : {}) }],
    rest,
  );
  if (!outcome) throw new Error("the batch of one gave no outcome");
  return outcome;
}

/** Keeps a rejected event once per (topic, partition, offset); API rejections each get a row. */
export async function recordRejection(
  db: Db | Tx,
  raw: Buffer | object,
  meta: IngestMeta,
  reason: RejectReason,
  issues: ValidationIssue[],
): Promise<void> {
  await recordRejections(db, [{ raw, meta, reason, issues }]);
}
