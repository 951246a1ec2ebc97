// Takes in one agency event, from Kafka or the push API, with an exactly-once effect: the event
// row (unique (source, eventId) with a content hash), the child it is linked to, the agency
// record, the household links and what the event causes are written in ONE transaction.
// A second delivery with the same content is a no-op; the same id with other content is a
// conflict, rejected and kept. Rejected events are kept as RejectedEvent rows with every issue.
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "#db/client.ts";
import type { AgencyName } from "#auth/viewer.ts";
import { resolveSubject } from "#identity/resolve-subject.ts";
import { onEventStored } from "#notifications/on-event-stored.ts";
import type { RatingSettings } from "#notifications/rating-settings.ts";
import { validateEvent, type RejectReason, type ValidationIssue } from "./validate-event.ts";
import { storeAgencyRecord } from "./store-event.ts";
import { retryTransaction } from "./retry-transaction.ts";
import { boundedJson } from "./json-shape.ts";

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

export async function ingestEvent(
  db: Db,
  raw: Buffer | object,
  meta: IngestMeta,
  options: IngestOptions,
): Promise<IngestOutcome> {
  const validated = validateEvent(raw, {
    maxBytes: options.maxEventBytes,
    ...(options.now ? { now: options.now } : {}),
    ...(options.expectedSource ? { expectedSource: options.expectedSource } : {}),
  });
  if (!validated.ok) {
    if (options.keepRejected !== false) {
      await recordRejection(db, raw, meta, validated.reason, validated.issues);
    }
    return {
      status: "REJECTED",
      reason: validated.reason,
      issues: validated.issues,
      eventId: validated.eventId,
      source: validated.source,
    };
  }
  const { event, body, hash } = validated;
  return retryTransaction(db, async (tx): Promise<IngestOutcome> => {
    const inboundEventId = randomUUID();
    const occurredAt = new Date(event.occurredAt);
    // The claim: one raw statement (a Prisma call costs ~3x a raw one on this hot path).
    const claimed = await tx.$executeRaw`
      INSERT INTO "InboundEvent" ("id", "source", "eventId", "type", "contentHash", "occurredAt", "via", "body")
      VALUES (${inboundEventId}::uuid, ${event.source}::"Agency", ${event.eventId}, ${event.type},
              ${hash}, ${occurredAt.toISOString()}::timestamptz, ${meta.via}, ${JSON.stringify(body)}::jsonb)
      ON CONFLICT DO NOTHING`;
    if (claimed === 0) {
      const first = await tx.inboundEvent.findUniqueOrThrow({
        where: { source_eventId: { source: event.source, eventId: event.eventId } },
        select: { id: true, contentHash: true, personId: true },
      });
      if (first.contentHash === hash) {
        return {
          status: "DUPLICATE",
          eventId: event.eventId,
          source: event.source,
          inboundEventId: first.id,
          personId: first.personId ?? undefined,
          notificationId: undefined,
        };
      }
      const issues = [
        {
          path: "eventId",
          message: `an event with this eventId from ${event.source} was already received with different content; the first is kept`,
        },
      ];
      if (options.keepRejected !== false) {
        await recordRejection(tx, raw, meta, "CONFLICT", issues);
      }
      return {
        status: "REJECTED",
        reason: "CONFLICT",
        issues,
        eventId: event.eventId,
        source: event.source,
      };
    }
    const resolution = await resolveSubject(tx, event.source, event.subject);
    // The agency record's statement also sets the event's personId (connectors/shared/upsert-row.ts).
    await storeAgencyRecord(
      tx,
      { personId: resolution.personId, inboundEventId, occurredAt },
      event,
    );
    const caused = await onEventStored(
      tx,
      { inboundEventId, personId: resolution.personId, source: event.source, occurredAt },
      options.rating,
    );
    return {
      status: "ACCEPTED",
      eventId: event.eventId,
      source: event.source,
      inboundEventId,
      personId: resolution.personId,
      notificationId: caused.notificationId,
    };
  });
}

/** Keeps a rejected event once per (topic, partition, offset); API rejections each get a row. */
export async function recordRejection(
  db: Db | Tx,
  raw: Buffer | object,
  meta: IngestMeta,
  reason: RejectReason,
  issues: ValidationIssue[],
): Promise<void> {
  const rawBytes = Buffer.isBuffer(raw) ? raw : Buffer.from(boundedJson(raw));
  await db.rejectedEvent.createMany({
    data: [
      {
        via: meta.via,
        topic: meta.topic ?? null,
        partition: meta.partition ?? null,
        offset: meta.offset ?? null,
        agency: meta.agency ?? null,
        rawBytes: new Uint8Array(rawBytes),
        reason,
        issues: issues as unknown as object,
      },
    ],
    skipDuplicates: true,
  });
}
