// Stores a pushed CP-IS plan change: one row per (child, plan type, start date), updated in place.
import type { Tx } from "#db/client.ts";
import { upsertRow } from "../shared/upsert-row.ts";
import { dateOnly, optionalDateOnly, type RecordContext } from "../shared/stored-record.ts";
import type { CpisPlanPayload } from "./event-schema.ts";

export async function storeCpisPlan(tx: Tx, ctx: RecordContext, p: CpisPlanPayload): Promise<void> {
  await upsertRow(
    tx,
    "CpisPlan",
    [
      ["personId", ctx.personId, "uuid"],
      ["planType", p.planType, "text"],
      ["startDate", dateOnly(p.startDate), "date"],
    ],
    [
      ["status", p.status, "text"],
      ["endDate", optionalDateOnly(p.endDate), "date"],
      ["organisationOdsCode", p.responsibleOrganisation.odsCode, "text"],
      ["organisationName", p.responsibleOrganisation.name, "text"],
      ["contactPhone", p.contact?.phone ?? null, "text"],
      ["contactEmail", p.contact?.email ?? null, "text"],
      ["eventId", ctx.inboundEventId, "uuid"],
      ["origin", "PUSH", "text"],
      ["fetchedAt", new Date(), "timestamptz"],
    ],
    ctx,
  );
}
