// The one consumer runner for every agency topic (consumers/agency-topics.ts, from the registry). Batches are processed in offset order per
// partition; an offset is resolved (and committed) only after the event's transaction commits in
// PostgreSQL and, for a rejected event, after its dead letter is on the DLQ topic. Transient
// failures (database away, broker unreachable) are retried with backoff: the partition waits,
// nothing is skipped. stop() finishes the message in hand, commits, and leaves the group.
import type { Db } from "#db/client.ts";
import type { Logger } from "#logging/logger.ts";
import type { Metrics } from "#metrics/metrics.ts";
import type { Worker } from "#runtime/worker.ts";
import type { EachBatchPayload, KafkaClient, KafkaMessage } from "#kafka/client.ts";
import { hubTopicNames } from "#kafka/topics.ts";
import { ingestEvent, recordRejection, type IngestOutcome } from "#ingestion/ingest-event.ts";
import { describeFailure, isTransient } from "./transient-error.ts";
import { deadLetter, publishDeadLetter } from "./dead-letter.ts";
import { STOPPED, untilDone } from "./backoff.ts";
import { agencyTopics, toIngest, type AgencyTopic } from "./agency-topics.ts";
import type { RatingSettings } from "#notifications/rating-settings.ts";

export interface ConsumerRunnerDeps {
  kafka: KafkaClient;
  db: Db;
  logger: Logger;
  metrics: Metrics;
  settings: {
    groupId: string;
    topicPrefix: string;
    maxEventBytes: number;
    /** The rule set in force and the decision timescales. */
    rating?: RatingSettings;
  };
  /** Partitions processed at once (each in its own order); keep at or below the DB pool size. */
  concurrency: number;
}

export function createConsumerRunner(deps: ConsumerRunnerDeps): Worker {
  const log = deps.logger.child({ component: "consumer" });
  const names = hubTopicNames(deps.settings.topicPrefix);
  const topics = agencyTopics(deps.settings.topicPrefix);
  const consumer = deps.kafka.consumer(deps.settings.groupId);
  const producer = deps.kafka.producer();
  let joined = false;
  let running = false;
  const offs: Array<() => void> = [];
  offs.push(
    consumer.on(consumer.events.GROUP_JOIN, () => {
      joined = true;
    }),
    consumer.on(consumer.events.CRASH, (e) => {
      joined = false;
      log.error({ err: e.payload.error, restart: e.payload.restart }, "consumer crashed");
    }),
    consumer.on(consumer.events.DISCONNECT, () => {
      joined = false;
    }),
    consumer.on(consumer.events.STOP, () => {
      joined = false;
    }),
  );

  /** Attempts that failed for a reason other than a transient one, per message. */
  const faults = new Map<string, number>();
  const MAX_FAULTS = 5;

  async function handle(from: AgencyTopic, message: KafkaMessage, topic: string, p: number) {
    const input = toIngest(from, message, topic, p);
    const at = `${topic}:${p}:${message.offset}`;
    let outcome: IngestOutcome;
    try {
      outcome = await ingestEvent(deps.db, input.raw, input.meta, {
        maxEventBytes: deps.settings.maxEventBytes,
        expectedSource: input.expectedSource,
        ...(deps.settings.rating ? { rating: deps.settings.rating } : {}),
      });
      faults.delete(at);
    } catch (error) {
      const n = isTransient(error) ? 0 : (faults.get(at) ?? 0) + 1;
      if (n < MAX_FAULTS) {
        if (n > 0) faults.set(at, n);
        throw error;
      }
      // a poison message: keep it (DB row and dead letter) and let the partition go on
      faults.delete(at);
      const issues = [{ path: "$", message: describeFailure(error) }];
      await recordRejection(deps.db, input.raw, input.meta, "PROCESSING_FAILED", issues);
      log.error(
        { err: error, topic, partition: p, offset: message.offset },
        "event dead-lettered after repeated failures",
      );
      outcome = {
        status: "REJECTED",
        reason: "PROCESSING_FAILED",
        issues,
        eventId: undefined,
        source: from.source,
      };
    }
    if (outcome.status === "REJECTED") {
      await publishDeadLetter(
        producer,
        names.dlq,
        deadLetter({
          raw: input.raw,
          topic,
          partition: p,
          offset: message.offset,
          reason: outcome.reason,
          issues: outcome.issues,
          eventId: outcome.eventId,
          source: outcome.source,
        }),
      );
    }
    return outcome;
  }

  async function eachBatch(payload: EachBatchPayload) {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } =
      payload;
    const from = topics.get(batch.topic);
    if (!from) return;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      const outcome = await untilDone(() => handle(from, message, batch.topic, batch.partition), {
        keepGoing: () => isRunning() && !isStale(),
        between: heartbeat,
        onRetry: (err, attempt, delayMs) => {
          deps.metrics.consumerRetries.inc({ topic: from.baseTopic });
          log.warn(
            {
              err,
              topic: batch.topic,
              partition: batch.partition,
              offset: message.offset,
              attempt,
              delayMs,
            },
            "event not stored yet; retrying",
          );
        },
      });
      if (outcome === STOPPED) break;
      count(outcome, from);
      resolveOffset(message.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
    deps.metrics.consumerLag.set(
      { topic: from.baseTopic, partition: String(batch.partition) },
      Number(batch.offsetLag()),
    );
  }

  function count(outcome: IngestOutcome, from: AgencyTopic) {
    switch (outcome.status) {
      case "ACCEPTED":
        deps.metrics.eventsAccepted.inc({ source: outcome.source, via: "KAFKA" });
        return;
      case "DUPLICATE":
        deps.metrics.eventsDuplicate.inc({ source: outcome.source, via: "KAFKA" });
        return;
      case "REJECTED":
        deps.metrics.eventsRejected.inc({ reason: outcome.reason, via: "KAFKA" });
        deps.metrics.deadLettered.inc({ reason: outcome.reason, topic: from.baseTopic });
        return;
      default: {
        const never: never = outcome;
        return never;
      }
    }
  }

  return {
    name: "agency-consumers",
    async start() {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topics: [...topics.keys()], fromBeginning: true });
      await consumer.run({
        eachBatchAutoResolve: false,
        autoCommit: true,
        autoCommitThreshold: 50,
        partitionsConsumedConcurrently: Math.max(1, deps.concurrency),
        eachBatch,
      });
      running = true;
      log.info({ topics: topics.size, groupId: deps.settings.groupId }, "consumers started");
    },
    async stop() {
      if (!running) return;
      running = false;
      // disconnect() stops fetching, waits for the batch in hand, commits what it resolved and
      // leaves the group.
      await consumer.disconnect();
      await producer.disconnect();
      for (const off of offs) off();
      log.info("consumers stopped");
    },
    ready: () => running && joined,
  };
}
