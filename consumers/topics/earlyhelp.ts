// agency.earlyhelp.v1: EARLY_HELP events only; the bytes go to the shared validation unchanged.
import { AGENCY_TOPICS } from "#kafka/topics.ts";
import { agencyMessage, type TopicModule } from "../topic-module.ts";

export const earlyhelpTopic: TopicModule = {
  baseTopic: AGENCY_TOPICS.EARLY_HELP,
  source: "EARLY_HELP",
  toIngest: (message, topic, partition) => agencyMessage("EARLY_HELP", message, topic, partition),
};
