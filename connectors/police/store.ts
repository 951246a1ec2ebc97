// Stores a Merlin notification: one row per (child, Merlin reference), updated in place.
import type { Tx } from "#db/client.ts";
import { upsertRow } from "../shared/upsert-row.ts";
import type { RecordContext } from "../shared/stored-record.ts";
import type { PoliceMerlinPayload } from "./event-schema.ts";

export async function storePoliceNotification(
  tx: Tx,
  ctx: RecordContext,
  p: PoliceMerlinPayload,
): Promise<void> {
  await upsertRow(
    tx,
    "PoliceNotification",
    [
      ["personId", ctx.personId, "uuid"],
      ["merlinRef", p.merlinRef, "text"],
    ],
    [
      ["occurredAt", ctx.occurredAt, "timestamptz"],
      ["category", p.category, "text"],
      ["riskLevel", p.riskLevel, "text"],
      ["childPresent", p.childPresent, "boolean"],
      ["summary", p.summary ?? null, "text"],
      ["officerCollar", p.officer?.collarNumber ?? null, "text"],
      ["officerUnit", p.officer?.unit ?? null, "text"],
      [
        "otherPersons",
        p.otherPersons.map((o) => ({
          role: o.role,
          givenName: o.givenName,
          familyName: o.familyName,
          dateOfBirth: o.dateOfBirth ?? null,
        })),
        "jsonb",
      ],
      ["eventId", ctx.inboundEventId, "uuid"],
    ],
    ctx,
  );
}
