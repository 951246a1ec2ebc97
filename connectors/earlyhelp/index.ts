// Early help: episodes, pushed on agency.earlyhelp.v1. The family an episode names is the
// child's household (applied by domain/household).
import type { AgencyAdapter } from "../shared/adapter.ts";
import {
  EARLY_HELP_EVENT_TYPE,
  earlyHelpEpisodePayload,
  type EarlyHelpEpisodePayload,
} from "./event-schema.ts";
import { earlyHelpEpisodeRow } from "./store.ts";

export const earlyHelp = {
  source: "EARLY_HELP",
  topic: "agency.earlyhelp.v1",
  eventType: EARLY_HELP_EVENT_TYPE,
  payload: earlyHelpEpisodePayload,
  notInFuture: ["openedAt"],
  tables: [{ name: "EarlyHelpEpisode", personKey: ["episodeId"] }],
  row: earlyHelpEpisodeRow,
  household: { family: (p: EarlyHelpEpisodePayload) => p.familyId },
} as const satisfies AgencyAdapter<EarlyHelpEpisodePayload>;
