import type { AgencyName } from "#auth/viewer.ts";

/** Topics agencies publish to, by source (contract: events.md). */
export const AGENCY_TOPICS: Record<AgencyName, string> = {
  CPIS: "agency.cpis.v1",
  POLICE: "agency.police.v1",
  HEALTH: "agency.health.v1",
  EDUCATION: "agency.education.v1",
  EARLY_HELP: "agency.earlyhelp.v1",
};

export const HUB_TOPICS = {
  notifications: "mash.notifications.v1",
  alerts: "mash.alerts.v1",
  dlq: "agency.dlq.v1",
} as const;

export const ALL_TOPICS = [...Object.values(AGENCY_TOPICS), ...Object.values(HUB_TOPICS)];

export interface TopicNames {
  agency: Record<AgencyName, string>;
  notifications: string;
  alerts: string;
  dlq: string;
  all: string[];
}

/** The topic names with the configured prefix (empty in production; unique per test file). */
export function topicNames(prefix = ""): TopicNames {
  const agency = Object.fromEntries(
    Object.entries(AGENCY_TOPICS).map(([source, topic]) => [source, prefix + topic]),
  ) as Record<AgencyName, string>;
  const hub = {
    notifications: prefix + HUB_TOPICS.notifications,
    alerts: prefix + HUB_TOPICS.alerts,
    dlq: prefix + HUB_TOPICS.dlq,
  };
  return { agency, ...hub, all: [...Object.values(agency), ...Object.values(hub)] };
}
