// Rejected events are kept as RejectedEvent rows with every issue: one statement for a batch's,
// once per (topic, partition, offset) (API rejections each get a row).
import type { SqlTx } from "#db/sql-tx.ts";
import type { IngestMeta } from "./ingest-event.ts";
import type { RejectReason, ValidationIssue } from "./validate-event.ts";
import { boundedJson } from "./json-shape.ts";

export interface Rejection {
  raw: Buffer | object;
  meta: IngestMeta;
  reason: RejectReason;
  issues: ValidationIssue[];
}

export async function recordRejections(tx: SqlTx, rows: readonly Rejection[]): Promise<void> {
  if (rows.length === 0) return;
  const bytes = rows.map((r) => (Buffer.isBuffer(r.raw) ? r.raw : Buffer.from(boundedJson(r.raw))));
  await tx.$executeRaw`
    INSERT INTO "RejectedEvent" ("id", "via", "topic", "partition", "offset", "agency", "rawBytes",
                                 "reason", "issues")
    SELECT gen_random_uuid(), r.via, r.topic, r.part, r.off, r.agency::"Agency",
           decode(r.raw, 'base64'), r.reason, r.issues
      FROM unnest(${rows.map((r) => r.meta.via)}::text[], ${rows.map((r) => r.meta.topic ?? null)}::text[],
                  ${rows.map((r) => r.meta.partition ?? null)}::int[],
                  ${rows.map((r) => r.meta.offset ?? null)}::text[],
                  ${rows.map((r) => r.meta.agency ?? null)}::text[],
                  ${bytes.map((b) => b.toString("base64"))}::text[],
                  ${rows.map((r) => r.reason)}::text[],
                  ${rows.map((r) => JSON.stringify(r.issues))}::jsonb[])
        AS r(via, topic, part, off, agency, raw, reason, issues)
    ON CONFLICT DO NOTHING`;
}
