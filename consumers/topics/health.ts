// agency.health.v1: HEALTH events only; the bytes go to the shared validation unchanged.
import { AGENCY_TOPICS } from "#kafka/topics.ts";
import { agencyMessage, type TopicModule } from "../topic-module.ts";

export const healthTopic: TopicModule = {
  baseTopic: AGENCY_TOPICS.HEALTH,
  source: "HEALTH",
  toIngest: (message, topic, partition) => agencyMessage("HEALTH", message, topic, partition),
};
