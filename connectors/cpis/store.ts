// Stores a pushed CP-IS plan change: one row per (child, plan type, start date), updated in place.
import type { Tx } from "../../db/client.ts";
import { dateOnly, optionalDateOnly, type RecordContext } from "../../ingestion/stored-record.ts";
import type { CpisPlanPayload } from "./event-schema.ts";

export async function storeCpisPlan(tx: Tx, ctx: RecordContext, p: CpisPlanPayload): Promise<void> {
  const data = {
    status: p.status,
    endDate: optionalDateOnly(p.endDate),
    organisationOdsCode: p.responsibleOrganisation.odsCode,
    organisationName: p.responsibleOrganisation.name,
    contactPhone: p.contact?.phone ?? null,
    contactEmail: p.contact?.email ?? null,
    eventId: ctx.inboundEventId,
    origin: "PUSH",
    fetchedAt: new Date(),
  };
  const key = { personId: ctx.personId, planType: p.planType, startDate: dateOnly(p.startDate) };
  await tx.cpisPlan.upsert({
    where: { personId_planType_startDate: key },
    create: { ...key, ...data },
    update: data,
  });
}
