// The one consumer runner for every agency topic (consumers/agency-topics.ts, from the registry).
// Each partition's batch is taken in, in offset order, as chunks of up to 500 events, each chunk
// one transaction (domain/ingestion/ingest-batch.ts); an offset is resolved (and committed) only
// after its chunk's transaction commits in PostgreSQL and, for a rejected event, after its dead letter is on the DLQ topic. Transient
// failures (database away, broker unreachable) are retried with backoff: the partition waits,
// nothing is skipped. stop() finishes the message in hand, commits, and leaves the group.
import type { Db } from "#db/client.ts";
import type { Logger } from "#logging/logger.ts";
import type { Metrics } from "#metrics/metrics.ts";
import type { Worker } from "#runtime/worker.ts";
import type { EachBatchPayload, KafkaClient, KafkaMessage } from "#kafka/client.ts";
import { hubTopicNames } from "#kafka/topics.ts";
import { recordRejection, type IngestOutcome } from "#ingestion/ingest-event.ts";
import { ingestBatch } from "#ingestion/ingest-batch.ts";
import { describeFailure, isTransient } from "./transient-error.ts";
import { createDeadLetterSender, deadLetter } from "./dead-letter.ts";
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
  const deadLetters = createDeadLetterSender(producer, names.dlq);
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
  /** Events taken in one transaction: a Kafka batch is cut into chunks of this many. */
  const CHUNK = 500;

  /**
   * Takes in a chunk of one partition's messages in one transaction (ingest-batch.ts). A failure
   * that is not transient (a poison event) splits the chunk in two until the one event that fails
   * is alone: it is retried, then kept (DB row and dead letter) and the partition goes on.
   */
  async function ingestChunk(
    from: AgencyTopic,
    messages: readonly KafkaMessage[],
    topic: string,
    p: number,
  ): Promise<IngestOutcome[]> {
    const inputs = messages.map((m) => toIngest(from, m, topic, p));
    try {
      const outcomes = await ingestBatch(deps.db, inputs, {
        maxEventBytes: deps.settings.maxEventBytes,
        ...(deps.settings.rating ? { rating: deps.settings.rating } : {}),
      });
      for (const m of messages) faults.delete(`${topic}:${p}:${m.offset}`);
      return outcomes;
    } catch (error) {
      if (isTransient(error)) throw error; // the partition waits; nothing is skipped
      if (messages.length > 1) {
        const half = Math.ceil(messages.length / 2);
        const first = await ingestChunk(from, messages.slice(0, half), topic, p);
        const second = await ingestChunk(from, messages.slice(half), topic, p);
        return [...first, ...second];
      }
      const [message] = messages;
      const input = inputs[0];
      if (!message || !input) throw error;
      const at = `${topic}:${p}:${message.offset}`;
      const n = (faults.get(at) ?? 0) + 1;
      if (n < MAX_FAULTS) {
        faults.set(at, n);
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
      return [
        {
          status: "REJECTED",
          reason: "PROCESSING_FAILED",
          issues,
          eventId: undefined,
          source: from.source,
        },
      ];
    }
  }

  async function eachBatch(payload: EachBatchPayload) {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } =
      payload;
    const from = topics.get(batch.topic);
    if (!from) return;
    for (let start = 0; start < batch.messages.length; start += CHUNK) {
      if (!isRunning() || isStale()) break;
      const chunk = batch.messages.slice(start, start + CHUNK);
      const outcomes = await untilDone(
        () => ingestChunk(from, chunk, batch.topic, batch.partition),
        {
          keepGoing: () => isRunning() && !isStale(),
          between: heartbeat,
          onRetry: (err, attempt, delayMs) => {
            deps.metrics.consumerRetries.inc({ topic: from.baseTopic });
            log.warn(
              {
                err,
                topic: batch.topic,
                partition: batch.partition,
                offset: chunk[0]?.offset,
                events: chunk.length,
                attempt,
                delayMs,
              },
              "events not stored yet; retrying",
            );
          },
        },
      );
      if (outcomes === STOPPED) break;
      // a rejected event's offset is resolved only once its dead letter is on the DLQ topic
      const letters = outcomes.flatMap((outcome, i) => {
        const message = chunk[i];
        if (!message || outcome.status !== "REJECTED") return [];
        return [
          deadLetter({
            raw: message.value ?? Buffer.alloc(0),
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            reason: outcome.reason,
            issues: outcome.issues,
            eventId: outcome.eventId,
            source: outcome.source,
          }),
        ];
      });
      await deadLetters.send(letters);
      for (const outcome of outcomes) count(outcome, from);
      const last = chunk[chunk.length - 1];
      if (last) resolveOffset(last.offset);
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
