// agency.police.v1: POLICE events only; the bytes go to the shared validation unchanged.
import { AGENCY_TOPICS } from "#kafka/topics.ts";
import { agencyMessage, type TopicModule } from "../topic-module.ts";

export const policeTopic: TopicModule = {
  baseTopic: AGENCY_TOPICS.POLICE,
  source: "POLICE",
  toIngest: (message, topic, partition) => agencyMessage("POLICE", message, topic, partition),
};
