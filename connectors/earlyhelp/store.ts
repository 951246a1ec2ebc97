// Stores an early help episode: one row per (child, episode id), updated in place.
import type { Tx } from "../../db/client.ts";
import { optionalInstant, type RecordContext } from "../../ingestion/stored-record.ts";
import type { EarlyHelpEpisodePayload } from "./event-schema.ts";

export async function storeEarlyHelpEpisode(
  tx: Tx,
  ctx: RecordContext,
  p: EarlyHelpEpisodePayload,
): Promise<void> {
  const data = {
    status: p.status,
    openedAt: new Date(p.openedAt),
    closedAt: optionalInstant(p.closedAt),
    familyId: p.familyId,
    leadProfessionalId: p.leadProfessional?.id ?? null,
    leadProfessionalName: p.leadProfessional?.name ?? null,
    leadProfessionalEmail: p.leadProfessional?.email ?? null,
    managerId: p.earlyHelpManager?.id ?? null,
    managerName: p.earlyHelpManager?.name ?? null,
    managerEmail: p.earlyHelpManager?.email ?? null,
    eventId: ctx.inboundEventId,
  };
  await tx.earlyHelpEpisode.upsert({
    where: { personId_episodeId: { personId: ctx.personId, episodeId: p.episodeId } },
    create: { personId: ctx.personId, episodeId: p.episodeId, ...data },
    update: data,
  });
}
