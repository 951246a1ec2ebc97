// Early help episodes pushed on agency.earlyhelp.v1 (contract: events.md).
import { z } from "zod";
import { isoDateTime, person, text } from "../shared/fields.ts";

export const EARLY_HELP_EVENT_TYPE = "earlyhelp.episode.v1";

export const earlyHelpEpisodePayload = z
  .object({
    episodeId: text(100),
    status: z.enum(["OPEN", "CLOSED"]),
    openedAt: isoDateTime,
    closedAt: isoDateTime.nullish(),
    familyId: text(100),
    leadProfessional: person.nullish(),
    earlyHelpManager: person.nullish(),
  })
  .superRefine((p, ctx) => {
    if (p.closedAt && Date.parse(p.closedAt) < Date.parse(p.openedAt)) {
      ctx.addIssue({ code: "custom", path: ["closedAt"], message: "must not be before openedAt" });
    }
    if (p.status === "CLOSED" && !p.closedAt) {
      ctx.addIssue({
        code: "custom",
        path: ["closedAt"],
        message: "is required when status is CLOSED",
      });
    }
  });

export type EarlyHelpEpisodePayload = z.infer<typeof earlyHelpEpisodePayload>;
