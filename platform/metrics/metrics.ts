import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics, one registry per hub instance (so tests can run several). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    eventsAccepted: new Counter({
      name: "mash_events_accepted_total",
      help: "Agency events stored",
      labelNames: ["source", "via"] as const,
      registers: [registry],
    }),
    eventsDuplicate: new Counter({
      name: "mash_events_duplicate_total",
      help: "Agency events delivered again with the same content (no-ops)",
      labelNames: ["source", "via"] as const,
      registers: [registry],
    }),
    eventsRejected: new Counter({
      name: "mash_events_rejected_total",
      help: "Agency events rejected (dead-lettered or refused at the API)",
      labelNames: ["reason", "via"] as const,
      registers: [registry],
    }),
    deadLettered: new Counter({
      name: "mash_dlq_published_total",
      help: "Rejected agency events published to the dead-letter topic",
      labelNames: ["reason", "topic"] as const,
      registers: [registry],
    }),
    consumerRetries: new Counter({
      name: "mash_consumer_retries_total",
      help: "Times a consumer retried an event after a transient failure (database or broker)",
      labelNames: ["topic"] as const,
      registers: [registry],
    }),
    consumerLag: new Gauge({
      name: "mash_consumer_lag",
      help: "Messages behind the head of each agency topic partition",
      labelNames: ["topic", "partition"] as const,
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
