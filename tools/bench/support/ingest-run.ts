// One run of the realistic agency stream through a real hub (its own process, hub.ts) over
// Kafka: the hub joins its group, the whole stream is produced at once (by the bench process),
// then the consume window — from the end of production to the last committed offset — is
// measured: events/s, the hub process's CPU and the bench process's, PostgreSQL's CPU (/proc),
// the hub's resident memory every 250 ms and its peak (VmHWM) and the bench's, and how the hub's
// children compare with the stream's truth.
import os from "node:os";
import pg from "pg";
import type { BenchContext } from "./context.ts";
import { startBenchHub, type BenchHub } from "./hub.ts";
import { postgresCpu } from "./postgres-cpu.ts";
import { cpuMs } from "./proc.ts";
import { sampleRss } from "./rss.ts";
import { compareWithTruth } from "./identity-truth.ts";
import { topicNames } from "#consumers/topic-names.ts";
import { planStream } from "../../../tests/integration/ingestion/event-stream.ts";
import {
  produce,
  remainingFor,
  testKafka,
} from "../../../tests/integration/ingestion/kafka-helpers.ts";

export interface IngestRunOptions {
  events: number;
  seed: number;
  /** Work done while the stream is consumed (e.g. view load); `consuming()` turns false at the end. */
  during?: (hub: BenchHub, databaseUrl: string, consuming: () => boolean) => Promise<void>;
}

export interface IngestRunResult {
  metrics: Record<string, number>;
  notes: string;
}

const POLL_MS = 100;
const ms = (n: number) => Math.round(n * 100) / 100;

export async function ingestRun(ctx: BenchContext, options: IngestRunOptions) {
  if (!ctx.kafkaBrokers) throw new Error("needs Kafka");
  const loadAtStart = os.loadavg();
  const database = await ctx.createDatabase();
  const postgres = await postgresCpu(database.url);
  const hub = await startBenchHub(ctx, { databaseUrl: database.hubUrl, kafka: true });
  try {
    const prefix = hub.topicPrefix as string;
    const kafka = testKafka(ctx.kafkaBrokers);
    const topics = Object.values(topicNames(prefix).agency);
    const groupId = `mash-hub-${prefix}`;

    const plan = planStream(options.events, options.seed);
    const total = plan.messages.length;
    const { records } = plan;
    ctx.progress(`producing ${total} events (${plan.children.length} children)`);
    const started = Date.now();
    await produce(kafka, prefix, plan.messages, 500);
    const producedMs = Date.now() - started;
    plan.messages.length = 0; // the stream's buffers are the bench's, not the hub's memory

    // the consume window
    const windowEvents = await remainingFor(kafka, groupId, topics);
    const hubCpu0 = cpuMs(hub.pid);
    const benchCpu0 = process.cpuUsage();
    const pg0 = postgres.sample();
    const t0 = Date.now();
    const hubRss = sampleRss(hub.pid, 250);
    const benchRss = sampleRss(process.pid, 250);
    let consuming = true;
    const during = options.during?.(hub, database.url, () => consuming);
    try {
      await until(async () => {
        if (!hub.running()) throw new HubGone();
        return (await remainingFor(kafka, groupId, topics)) === 0;
      }, 3_600_000);
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
        stored: counts.stored,
        rated: counts.rated,
        duplicate_children: truth.duplicateChildren,
        held_for_review_children: truth.heldForReview,
        wrongly_joined_children: truth.wronglyJoined,
        match_reviews: truth.matchReviews,
        hub_children: truth.hubChildren,
        true_children: new Set(records.map((r) => r.child)).size,
        produce_ms: producedMs,
      },
      notes:
        `${plan.distinctValid} distinct valid, ${plan.duplicates} duplicates, ${plan.bad} bad, ${plan.conflicts} conflicts, ${records.length} agency records of ${plan.children.length} children; ` +
        `CPU over the consume window (end of production → last offset committed, ${windowEvents} events); the hub is its own process: hub_* CPU and memory are its alone (hub_peak_rss_mb its VmHWM, peak since it started), bench_* the bench process's (offset polling${options.during ? ", the work done during consumption and its load generator" : ""}; the produced stream is released before the window); ` +
        `${truth.missingRecords ? `${truth.missingRecords} records without a hub child; ` : ""}` +
        `load average ${fmt(loadAtStart)} at start, ${fmt(loadAtEnd)} at end (2 cores, shared)`,
    };
  } finally {
    await hub.stop();
  }
}

const fmt = (load: number[]) => load.map((l) => l.toFixed(2)).join(" ");

class HubGone extends Error {
  constructor() {
    super("the hub process exited while consuming");
  }
}

async function until(check: () => Promise<boolean>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const done = await check().catch((error: unknown) => {
      if (error instanceof HubGone) throw error;
      return false;
    });
    if (done) return;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error("gave up waiting for the hub");
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
