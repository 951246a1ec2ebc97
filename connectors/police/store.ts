// A Merlin notification as its row: one per (child, Merlin reference), updated in place.
import type { RowWrite } from "../shared/upsert-row.ts";
import type { RecordContext } from "../shared/stored-record.ts";
import type { PoliceMerlinPayload } from "./event-schema.ts";

export function policeNotificationRow(ctx: RecordContext, p: PoliceMerlinPayload): RowWrite {
  return {
    table: "PoliceNotification",
    key: [
      ["personId", ctx.personId, "uuid"],
      ["merlinRef", p.merlinRef, "text"],
    ],
    data: [
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
  };
}
