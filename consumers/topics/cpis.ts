// agency.cpis.v1: CPIS events only; the bytes go to the shared validation unchanged.
import { AGENCY_TOPICS } from "#kafka/topics.ts";
import { agencyMessage, type TopicModule } from "../topic-module.ts";

export const cpisTopic: TopicModule = {
  baseTopic: AGENCY_TOPICS.CPIS,
  source: "CPIS",
  toIngest: (message, topic, partition) => agencyMessage("CPIS", message, topic, partition),
};
