// Long-running parts of a hub process besides HTTP: Kafka consumers, the outbox relay, the alert
// e-mail worker, the retention purge of rejected events, the statistics keeper (real PostgreSQL
// only). Each is started after the HTTP server and stopped before the database closes.
import type { Services } from "#domain/services.ts";
import type { Worker } from "#runtime/worker.ts";
import type { KafkaClient } from "#kafka/client.ts";
import { createConsumerRunner } from "#consumers/runner.ts";
import { createOutboxRelay } from "#outbox/relay.ts";
import { createRejectedEventPurge } from "#ingestion/rejected-event-purge.ts";
import { createStatisticsKeeper } from "#db/statistics-keeper.ts";

export function createWorkers(services: Services, kafka: KafkaClient | undefined): Worker[] {
  // The live alert bus first (stopped last), then the alert e-mail worker that it wakes.
  const workers: Worker[] = [
    services.alerts.bus,
    services.alerts.emailWorker,
    services.notifications.overdueWorker,
    createRejectedEventPurge({ rejected: services.rejectedEvents, logger: services.logger }),
  ];
  const database = services.config.database;
  if (database.url) {
    workers.push(createStatisticsKeeper({ url: database.url, logger: services.logger }));
  }
  const k = services.config.kafka;
  if (kafka && k.enabled) {
    workers.push(
      createOutboxRelay({
        kafka,
        db: services.db,
        logger: services.logger,
        topicPrefix: k.topicPrefix,
      }),
      createConsumerRunner({
        kafka,
        db: services.db,
        logger: services.logger,
        metrics: services.metrics,
        settings: {
          groupId: k.groupId,
          topicPrefix: k.topicPrefix,
          maxEventBytes: k.maxEventBytes,
          rating: services.notifications.rating,
        },
        concurrency: k.ingestConcurrency,
      }),
    );
  }
  return workers;
}
