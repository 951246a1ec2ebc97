// An early help episode as its row: one per (child, episode id), updated in place.
import type { RowWrite } from "../shared/upsert-row.ts";
import { optionalInstant, type RecordContext } from "../shared/stored-record.ts";
import type { EarlyHelpEpisodePayload } from "./event-schema.ts";

export function earlyHelpEpisodeRow(ctx: RecordContext, p: EarlyHelpEpisodePayload): RowWrite {
  return {
    table: "EarlyHelpEpisode",
    key: [
      ["personId", ctx.personId, "uuid"],
      ["episodeId", p.episodeId, "text"],
    ],
    data: [
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
  };
}
