// The level a kafkajs log entry is logged at. kafkajs reports the retries of an ordinary start-up
// at ERROR or WARN: the group coordinator still loading its offsets, a leader election on a topic
// just created, a rebalance while replicas join, and a one-time notice about its default
// partitioner. They are expected and retried (and when retries run out, the failure that follows
// is logged at error level on its own), so they are logged at debug or info; everything else
// keeps kafkajs's level.

/** kafkajs's numeric levels (kafkajs `logLevel`). */
const KAFKAJS_ERROR = 1;
const KAFKAJS_WARN = 2;
const KAFKAJS_INFO = 4;

export type LogLevelName = "error" | "warn" | "info" | "debug";

/** kafkajs's texts for the broker errors that are expected, and retried, while things start. */
export const EXPECTED_RETRIES = [
  "The coordinator is loading and hence can't process requests for this group",
  "The group coordinator is not available",
  "This is not the correct coordinator for this group",
  "There is no leader for this topic-partition as we are in the middle of a leadership election",
  "This server does not host this topic-partition",
  "The group is rebalancing, so a rejoin is needed",
];

const NOTICES: Array<[prefix: string, level: LogLevelName]> = [
  ["KafkaJS v2.0.0 switched default partitioner", "debug"],
  ["The group is rebalancing, re-joining", "info"],
];

export function kafkaLogLevel(
  level: number,
  entry: { message?: unknown; error?: unknown },
): LogLevelName {
  const message = typeof entry.message === "string" ? entry.message : "";
  for (const [prefix, mapped] of NOTICES) if (message.startsWith(prefix)) return mapped;
  if (typeof entry.error === "string" && EXPECTED_RETRIES.includes(entry.error)) return "debug";
  if (level <= KAFKAJS_ERROR) return "error";
  if (level <= KAFKAJS_WARN) return "warn";
  return level <= KAFKAJS_INFO ? "info" : "debug";
}
