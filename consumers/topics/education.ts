// agency.education.v1: EDUCATION events only; the bytes go to the shared validation unchanged.
import { AGENCY_TOPICS } from "#kafka/topics.ts";
import { agencyMessage, type TopicModule } from "../topic-module.ts";

export const educationTopic: TopicModule = {
  baseTopic: AGENCY_TOPICS.EDUCATION,
  source: "EDUCATION",
  toIngest: (message, topic, partition) => agencyMessage("EDUCATION", message, topic, partition),
};
