// Every topic the hub uses: one per agency in the connectors' registry, plus the hub's own.
import { AGENCY_ADAPTERS, type AgencyName } from "#connectors/registry.ts";
import { hubTopicNames, type HubTopicNames } from "#kafka/topics.ts";

/** Topics agencies publish to, by source, without a prefix (contract: events.md). */
export const AGENCY_TOPICS = Object.fromEntries(
  AGENCY_ADAPTERS.map((a) => [a.source, a.topic]),
) as Record<AgencyName, string>;

export interface TopicNames extends HubTopicNames {
  agency: Record<AgencyName, string>;
  all: string[];
}

/** The topic names with the configured prefix (empty in production; unique per test file). */
export function topicNames(prefix = ""): TopicNames {
  const agency = Object.fromEntries(
    AGENCY_ADAPTERS.map((a) => [a.source, prefix + a.topic]),
  ) as Record<AgencyName, string>;
  const hub = hubTopicNames(prefix);
  return { agency, ...hub, all: [...Object.values(agency), ...Object.values(hub)] };
}

export const ALL_TOPICS = topicNames().all;
