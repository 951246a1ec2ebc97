// The topics the hub itself publishes (contract: events.md). The agency topics come from the
// connectors' registry; consumers/topic-names.ts puts the two together.
export const HUB_TOPICS = {
  notifications: "mash.notifications.v1",
  alerts: "mash.alerts.v1",
  dlq: "agency.dlq.v1",
} as const;

export type HubTopicNames = { [K in keyof typeof HUB_TOPICS]: string };

/** The hub's topic names with the configured prefix (empty in production; unique per test file). */
export function hubTopicNames(prefix = ""): HubTopicNames {
  return {
    notifications: prefix + HUB_TOPICS.notifications,
    alerts: prefix + HUB_TOPICS.alerts,
    dlq: prefix + HUB_TOPICS.dlq,
  };
}
