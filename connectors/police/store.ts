// Stores a Merlin notification: one row per (child, Merlin reference), updated in place.
import type { Tx } from "../../db/client.ts";
import type { RecordContext } from "../../ingestion/stored-record.ts";
import type { PoliceMerlinPayload } from "./event-schema.ts";

export async function storePoliceNotification(
  tx: Tx,
  ctx: RecordContext,
  p: PoliceMerlinPayload,
): Promise<void> {
  const data = {
    occurredAt: ctx.occurredAt,
    category: p.category,
    riskLevel: p.riskLevel,
    childPresent: p.childPresent,
    summary: p.summary ?? null,
    officerCollar: p.officer?.collarNumber ?? null,
    officerUnit: p.officer?.unit ?? null,
    otherPersons: p.otherPersons.map((o) => ({
      role: o.role,
      givenName: o.givenName,
      familyName: o.familyName,
      dateOfBirth: o.dateOfBirth ?? null,
    })),
    eventId: ctx.inboundEventId,
  };
  await tx.policeNotification.upsert({
    where: { personId_merlinRef: { personId: ctx.personId, merlinRef: p.merlinRef } },
    create: { personId: ctx.personId, merlinRef: p.merlinRef, ...data },
    update: data,
  });
}
