// One run of the realistic agency stream through a real hub (its own process, hub.ts) over
// Kafka: the hub joins its group and first takes in a warm-up stream of other children (as a hub
// that has been running all day has: its code compiled, its pool connected, its statements
// prepared; the warm-up's own rate is printed as the cold rate), then the whole measured stream
// is produced at once (by the bench process) and the run is timed from the start of production
// to the last committed offset. The consume window — from the end of production — gives the
// hub process's CPU and the bench process's, PostgreSQL's CPU (/proc), the hub's resident memory
// every 250 ms and its peak (VmHWM) and the bench's; then the hub's children are compared with
// the stream's truth. With `floor`, the same warm-up and stream then go through the ingest floor
// (ingest-floor.ts) on a database and topics of its own, timed the same way.
import { randomBytes } from "node:crypto";
import os from "node:os";
import pg from "pg";
import type { BenchContext } from "./context.ts";
import { startBenchHub, type BenchHub } from "./hub.ts";
import { postgresCpu } from "./postgres-cpu.ts";
import { cpuMs } from "./proc.ts";
import { startIngestFloorProcess } from "./ingest-floor.ts";
import { sampleRss } from "./rss.ts";
import { compareWithTruth } from "./identity-truth.ts";
import { topicNames } from "#consumers/topic-names.ts";
import { planStream } from "../../../tests/integration/ingestion/event-stream.ts";
import { produce, testKafka } from "../../../tests/integration/ingestion/kafka-helpers.ts";
import {
  watchOffsets,
  type OffsetWatch,
} from "../../../tests/integration/ingestion/offset-watch.ts";
import { ingestConcurrency } from "#config/index.ts";
import { databaseSchema } from "#config/schema.ts";
import type { KafkaClient } from "#kafka/client.ts";

export interface IngestRunOptions {
  events: number;
  seed: number;
  /** Events of other children taken in before the measured stream (0: none; the hub is cold). */
  warmup: number;
  /** Work done while the stream is consumed (e.g. view load); `consuming()` turns false at the end. */
  during?: (hub: BenchHub, databaseUrl: string, consuming: () => boolean) => Promise<void>;
  /** Then the same streams through the ingest floor (ingest-floor.ts), timed the same way. */
  floor?: boolean;
}

export interface IngestRunResult {
  metrics: Record<string, number>;
  notes: string;
}

/** How often the committed offsets are read (one admin connection, kept open). */
const POLL_MS = 20;
/** The warm-up's children are numbered from here, and its event ids tagged (planStream). */
const WARMUP_APART = { tag: "warm-", firstChild: 5_000_000 };
const ms = (n: number) => Math.round(n * 100) / 100;
/** The floor takes in as many partitions at once as the bench's hub does (its default pool). */
const FLOOR_PARTITIONS_IN_FLIGHT = ingestConcurrency(databaseSchema.parse({}));

export async function ingestRun(
  ctx: BenchContext,
  options: IngestRunOptions,
): Promise<IngestRunResult> {
  const hub = await hubRun(ctx, options);
  if (!options.floor) return hub;
  const floor = await floorRun(ctx, options);
  const hubRate = hub.metrics["events_per_s"] ?? NaN;
  return {
    metrics: {
      ...hub.metrics,
      ...floor.metrics,
      hub_over_floor:
        Math.round((hubRate / (floor.metrics["floor_events_per_s"] ?? NaN)) * 100) / 100,
    },
    notes: `${hub.notes}; ${floor.notes}`,
  };
}

async function hubRun(ctx: BenchContext, options: IngestRunOptions) {
  if (!ctx.kafkaBrokers) throw new Error("needs Kafka");
  const database = await ctx.createDatabase();
  const postgres = await postgresCpu(database.url);
  const hub = await startBenchHub(ctx, { databaseUrl: database.hubUrl, kafka: true });
  try {
    const prefix = hub.topicPrefix as string;
    const kafka = testKafka(ctx.kafkaBrokers);
    const topics = Object.values(topicNames(prefix).agency);
    const groupId = `mash-hub-${prefix}`;
    const offsets = await watchOffsets(kafka, groupId, topics);
    try {
      const hubSide = { kafka, prefix, offsets, running: hub.running, database };
      const coldRate = await warmUp(ctx, options, hubSide, "the hub");
      return await measured(ctx, options, { hub, database, postgres, kafka, offsets, coldRate });
    } finally {
      await offsets.close();
    }
  } finally {
    await hub.stop();
  }
}

interface RunParts {
  hub: BenchHub;
  database: { url: string };
  postgres: Awaited<ReturnType<typeof postgresCpu>>;
  kafka: KafkaClient;
  offsets: OffsetWatch;
  coldRate: number;
}

async function measured(
  ctx: BenchContext,
  options: IngestRunOptions,
  { hub, database, postgres, kafka, offsets, coldRate }: RunParts,
): Promise<IngestRunResult> {
  const loadAtStart = os.loadavg();
  const before = await countStored(database.url);
  const prefix = hub.topicPrefix as string;
  const plan = planStream(options.events, options.seed);
  const total = plan.messages.length;
  const { records } = plan;
  ctx.progress(`producing ${total} events (${plan.children.length} children)`);
  const started = Date.now();
  await produce(kafka, prefix, plan.messages, 500);
  const producedMs = Date.now() - started;
  plan.messages.length = 0; // the stream's buffers are the bench's, not the hub's memory

  // the consume window
  const windowEvents = await offsets.remaining();
  const hubCpu0 = cpuMs(hub.pid);
  const benchCpu0 = process.cpuUsage();
  const pg0 = postgres.sample();
  const t0 = Date.now();
  const hubRss = sampleRss(hub.pid, 250);
  const benchRss = sampleRss(process.pid, 250);
  let consuming = true;
  const during = options.during?.(hub, database.url, () => consuming);
  try {
    await drained(offsets, hub.running, 3_600_000);
  } finally {
    consuming = false;
  }
  const windowMs = Date.now() - t0;
  const hubCpu = cpuMs(hub.pid) - hubCpu0;
  const benchCpu = process.cpuUsage(benchCpu0);
  const pgMs = postgres.sample() - pg0;
  const hubMemory = hubRss.stop();
  const benchMemory = benchRss.stop();
  await during;
  const seconds = (Date.now() - started) / 1000;

  const counts = await countStored(database.url);
  const truth = await compareWithTruth(database.url, records);
  const loadAtEnd = os.loadavg();
  const perEvent = (cpuMs: number) => (windowEvents > 0 ? ms(cpuMs / windowEvents) : NaN);
  return {
    metrics: {
      events_per_s: Math.round(total / seconds),
      ...(options.warmup > 0 ? { cold_events_per_s: coldRate } : {}),
      consume_events_per_s: Math.round(windowEvents / (windowMs / 1000)),
      hub_cpu_ms_per_event: perEvent(hubCpu),
      pg_cpu_ms_per_event: postgres.available ? perEvent(pgMs) : NaN,
      bench_cpu_ms_per_event: perEvent((benchCpu.user + benchCpu.system) / 1000),
      hub_peak_rss_mb: hubMemory.hwmMb,
      hub_rss_at_window_start_mb: hubMemory.startMb,
      hub_rss_at_window_end_mb: hubMemory.lastMb,
      bench_peak_rss_mb: benchMemory.peakMb,
      events: total,
      window_events: windowEvents,
      stored: counts.stored - before.stored,
      rated: counts.rated - before.rated,
      duplicate_children: truth.duplicateChildren,
      held_for_review_children: truth.heldForReview,
      wrongly_joined_children: truth.wronglyJoined,
      match_reviews: truth.matchReviews,
      hub_children: truth.hubChildren,
      true_children: new Set(records.map((r) => r.child)).size,
      produce_ms: producedMs,
    },
    notes:
      `${options.warmup > 0 ? `after a warm-up of ${options.warmup} events of other children (cold_events_per_s: its rate, production included); ` : ""}` +
      `${plan.distinctValid} distinct valid, ${plan.duplicates} duplicates, ${plan.bad} bad, ${plan.conflicts} conflicts, ${records.length} agency records of ${plan.children.length} children; ` +
      `CPU over the consume window (end of production → last offset committed, ${windowEvents} events); the hub is its own process: hub_* CPU and memory are its alone (hub_peak_rss_mb its VmHWM, peak since it started), bench_* the bench process's (offset polling${options.during ? ", the work done during consumption and its load generator" : ""}; the produced stream is released before the window); ` +
      `${truth.missingRecords ? `${truth.missingRecords} records without a hub child; ` : ""}` +
      `load average ${fmt(loadAtStart)} at start, ${fmt(loadAtEnd)} at end (2 cores, shared)`,
  };
}

const fmt = (load: number[]) => load.map((l) => l.toFixed(2)).join(" ");

class ConsumerGone extends Error {
  constructor() {
    super("the consuming process exited while consuming");
  }
}

/** Returns once the group has committed every offset; throws if the consumer's process exits. */
async function drained(offsets: OffsetWatch, running: () => boolean, limitMs: number) {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (!running()) throw new ConsumerGone();
    const done = await offsets.remaining().then(
      (n) => n === 0,
      () => false,
    );
    if (done) return;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error("gave up waiting for the consumer");
}

interface Consumer {
  kafka: KafkaClient;
  prefix: string;
  offsets: OffsetWatch;
  running: () => boolean;
  database: { url: string };
}

/**
 * The warm-up stream (other children: WARMUP_APART) taken in, then a quiet database (settled);
 * answers the warm-up's rate, production included (NaN without a warm-up).
 */
async function warmUp(
  ctx: BenchContext,
  options: IngestRunOptions,
  c: Consumer,
  who: string,
): Promise<number> {
  if (options.warmup <= 0) return NaN;
  ctx.progress(`warming ${who} with ${options.warmup} events of other children`);
  const warm = planStream(options.warmup, options.seed + 1000, undefined, WARMUP_APART);
  const t = Date.now();
  await produce(c.kafka, c.prefix, warm.messages, 500);
  await drained(c.offsets, c.running, 600_000);
  const rate = Math.round(options.warmup / ((Date.now() - t) / 1000));
  await settled(c.database.url);
  return rate;
}

/**
 * Waits (up to 30 s) until the database is quiet after the warm-up, as between two bursts of a
 * day: the hub's statistics keeper has no table due for ANALYZE (its own rule,
 * platform/db/statistics-keeper.ts) and no autovacuum worker is on the database — so that a
 * 2,000-event window does not time the warm-up's housekeeping.
 */
async function settled(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { rows } = await c.query<{ due: string; vacuuming: string }>(
        `SELECT (SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = 'public'
                   AND n_mod_since_analyze > 1000 + 0.1 * greatest(n_live_tup - n_mod_since_analyze, 0)) AS due,
                (SELECT count(*) FROM pg_stat_activity
                  WHERE datname = current_database() AND backend_type = 'autovacuum worker') AS vacuuming`,
      );
      if (Number(rows[0]?.due) === 0 && Number(rows[0]?.vacuuming) === 0) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await c.end();
  }
}

async function countStored(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const n = async (sql: string) => Number((await c.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
    return {
      stored: await n(`SELECT count(*) AS n FROM "InboundEvent"`),
      rated: await n(`SELECT count(*) AS n FROM "RagAssessment"`),
    };
  } finally {
    await c.end();
  }
}

/**
 * The same warm-up and measured streams through the ingest floor (ingest-floor.ts, its own
 * process) on a database and topics of its own, timed as the hub is: from the start of
 * production to the last committed offset, with the floor process's and PostgreSQL's CPU over the
 * consume window.
 */
async function floorRun(ctx: BenchContext, options: IngestRunOptions): Promise<IngestRunResult> {
  if (!ctx.kafkaBrokers) throw new Error("needs Kafka");
  const database = await ctx.createDatabase();
  const postgres = await postgresCpu(database.url);
  const prefix = `f${randomBytes(4).toString("hex")}.`;
  const groupId = `bench-floor-${prefix}`;
  const concurrency = FLOOR_PARTITIONS_IN_FLIGHT;
  const floor = await startIngestFloorProcess({
    brokers: ctx.kafkaBrokers,
    topicPrefix: prefix,
    groupId,
    databaseUrl: database.url,
    concurrency,
  });
  const kafka = testKafka(ctx.kafkaBrokers);
  const offsets = await watchOffsets(kafka, groupId, Object.values(topicNames(prefix).agency));
  try {
    await warmUp(
      ctx,
      options,
      { kafka, prefix, offsets, running: floor.running, database },
      "the floor",
    );
    const plan = planStream(options.events, options.seed);
    const total = plan.messages.length;
    ctx.progress(`the ingest floor: producing ${total} events`);
    const started = Date.now();
    await produce(kafka, prefix, plan.messages, 500);
    plan.messages.length = 0;
    const windowEvents = await offsets.remaining();
    const cpu0 = cpuMs(floor.pid);
    const pg0 = postgres.sample();
    const t0 = Date.now();
    await drained(offsets, floor.running, 3_600_000);
    const windowMs = Date.now() - t0;
    const cpu = cpuMs(floor.pid) - cpu0;
    const pgMs = postgres.sample() - pg0;
    const seconds = (Date.now() - started) / 1000;
    const perEvent = (cpuMs: number) => (windowEvents > 0 ? ms(cpuMs / windowEvents) : NaN);
    return {
      metrics: {
        floor_events_per_s: Math.round(total / seconds),
        floor_consume_events_per_s: Math.round(windowEvents / (windowMs / 1000)),
        floor_cpu_ms_per_event: perEvent(cpu),
        floor_pg_cpu_ms_per_event: postgres.available ? perEvent(pgMs) : NaN,
      },
      notes:
        `floor = the same warm-up and stream through ingest-floor.ts (its own process, ${concurrency} partitions in flight): ` +
        `each chunk's JSON messages claimed by (source, eventId) in one prepared INSERT, offsets committed after it, nothing else; ` +
        `hub_over_floor = events_per_s / floor_events_per_s`,
    };
  } finally {
    await offsets.close();
    await floor.stop();
  }
}
