// Stores an early help episode: one row per (child, episode id), updated in place.
import type { Tx } from "#db/client.ts";
import { upsertRow } from "../shared/upsert-row.ts";
import { optionalInstant, type RecordContext } from "../shared/stored-record.ts";
import type { EarlyHelpEpisodePayload } from "./event-schema.ts";

export async function storeEarlyHelpEpisode(
  tx: Tx,
  ctx: RecordContext,
  p: EarlyHelpEpisodePayload,
): Promise<void> {
  await upsertRow(
    tx,
    "EarlyHelpEpisode",
    [
      ["personId", ctx.personId, "uuid"],
      ["episodeId", p.episodeId, "text"],
    ],
    [
      ["status", p.status, "text"],
      ["openedAt", new Date(p.openedAt), "timestamptz"],
      ["closedAt", optionalInstant(p.closedAt), "timestamptz"],
      ["familyId", p.familyId, "text"],
      ["leadProfessionalId", p.leadProfessional?.id ?? null, "text"],
      ["leadProfessionalName", p.leadProfessional?.name ?? null, "text"],
      ["leadProfessionalEmail", p.leadProfessional?.email ?? null, "text"],
      ["managerId", p.earlyHelpManager?.id ?? null, "text"],
      ["managerName", p.earlyHelpManager?.name ?? null, "text"],
      ["managerEmail", p.earlyHelpManager?.email ?? null, "text"],
      ["eventId", ctx.inboundEventId, "uuid"],
    ],
    ctx,
  );
}
