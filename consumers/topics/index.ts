// Every agency topic the hub consumes.
import type { TopicModule } from "../topic-module.ts";
import { cpisTopic } from "./cpis.ts";
import { policeTopic } from "./police.ts";
import { healthTopic } from "./health.ts";
import { educationTopic } from "./education.ts";
import { earlyhelpTopic } from "./earlyhelp.ts";

export const AGENCY_TOPIC_MODULES: TopicModule[] = [
  cpisTopic,
  policeTopic,
  healthTopic,
  educationTopic,
  earlyhelpTopic,
];
