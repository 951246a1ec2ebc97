// The claim of a batch's events: one INSERT … ON CONFLICT DO NOTHING RETURNING over arrays (with
// the child each was linked to, where that is known already), then
// one read of the (source, eventId)s somebody had already claimed — a duplicate when its content
// hash is the same, a conflict when it is not (the first is kept). Inside the batch's transaction.
import { randomUUID } from "node:crypto";
import type { SqlTx } from "#db/sql-tx.ts";
import type { AgencyEvent } from "./event-schema.ts";

export interface ToClaim {
  event: AgencyEvent;
  body: Record<string, unknown>;
  hash: string;
  via: string;
  /** The child the event was linked to beforehand (ingest-batch's identity transaction). */
  personId?: string | undefined;
}

export type Claim =
  | { status: "CLAIMED"; inboundEventId: string }
  | { status: "DUPLICATE"; inboundEventId: string; personId: string | undefined }
  | {
      status: "CONFLICT";
      /** The event received first under this id, whose content differs. */
      held: { inboundEventId: string; hash: string; personId: string | undefined } | undefined;
    };

export async function claimEvents(tx: SqlTx, items: readonly ToClaim[]): Promise<Claim[]> {
  if (items.length === 0) return [];
  const ids = items.map(() => randomUUID());
  const claimed = await tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "InboundEvent" ("id", "source", "eventId", "type", "contentHash", "occurredAt", "via", "body",
                                "personId")
    SELECT c.id, c.source::"Agency", c.event_id, c.type, c.hash, c.occurred, c.via, c.body, c.person
      FROM unnest(${ids}::uuid[], ${items.map((i) => i.event.source)}::text[],
                  ${items.map((i) => i.event.eventId)}::text[], ${items.map((i) => i.event.type)}::text[],
                  ${items.map((i) => i.hash)}::text[],
                  ${items.map((i) => new Date(i.event.occurredAt).toISOString())}::timestamptz[],
                  ${items.map((i) => i.via)}::text[], ${items.map((i) => JSON.stringify(i.body))}::jsonb[],
                  ${items.map((i) => i.personId ?? null)}::uuid[])
        AS c(id, source, event_id, type, hash, occurred, via, body, person)
    ON CONFLICT DO NOTHING
    RETURNING "id"::text AS "id"`;
  const mine = new Set(claimed.map((r) => r.id));
  const out: Claim[] = items.map((_, i) =>
    mine.has(ids[i]!)
      ? { status: "CLAIMED", inboundEventId: ids[i]! }
      : { status: "CONFLICT", held: undefined },
  );
  const others = items.filter((_, i) => !mine.has(ids[i]!));
  if (others.length === 0) return out;
  const first = await tx.$queryRaw<
    Array<{
      id: string;
      source: string;
      eventId: string;
      contentHash: string;
      personId: string | null;
    }>
  >`
    SELECT e."id"::text AS "id", e."source"::text AS "source", e."eventId", e."contentHash",
           e."personId"::text AS "personId"
      FROM unnest(${others.map((i) => i.event.source)}::text[], ${others.map((i) => i.event.eventId)}::text[])
        AS w(source, event_id)
      JOIN "InboundEvent" e ON e."source" = w.source::"Agency" AND e."eventId" = w.event_id`;
  const byKey = new Map(first.map((r) => [`${r.source}|${r.eventId}`, r]));
  items.forEach((item, i) => {
    if (mine.has(ids[i]!)) return;
    const held = byKey.get(`${item.event.source}|${item.event.eventId}`);
    if (!held) return;
    const personId = held.personId ?? undefined;
    out[i] =
      held.contentHash === item.hash
        ? { status: "DUPLICATE", inboundEventId: held.id, personId }
        : {
            status: "CONFLICT",
            held: { inboundEventId: held.id, hash: held.contentHash, personId },
          };
  });
  return out;
}
