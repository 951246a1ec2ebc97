// Produce → stored latency at a steady 500 events/s: each event's Kafka timestamp (set when it
// is produced) against its InboundEvent.receivedAt (set in the storing transaction).
import pg from "pg";
import type { Scenario } from "../support/scenario.ts";
import { startBenchHub } from "../support/hub.ts";
import { summarise } from "../support/stats.ts";
import { AGENCY_TOPICS, topicNames } from "#consumers/topic-names.ts";
import {
  validEvent,
  type StreamSource,
} from "../../../tests/integration/ingestion/event-stream.ts";
import {
  remainingFor,
  testKafka,
  waitUntil,
} from "../../../tests/integration/ingestion/kafka-helpers.ts";

const RATE = 500;
const TICK_MS = 100;
const SOURCES: StreamSource[] = ["POLICE", "HEALTH", "EDUCATION", "EARLY_HELP", "CPIS", "POLICE"];

const scenario: Scenario = {
  name: "ingest-latency",
  description: `produce → stored latency at ${RATE} events/s over the five agency topics`,
  async run(ctx) {
    if (!ctx.kafkaBrokers) throw new Error("needs Kafka");
    const database = await ctx.createDatabase();
    const hub = await startBenchHub(ctx, { databaseUrl: database.hubUrl, kafka: true });
    try {
      const prefix = hub.topicPrefix as string;
      const kafka = testKafka(ctx.kafkaBrokers);
      const producer = kafka.producer();
      await producer.connect();
      const seconds = ctx.size(30, 10);
      const perTick = (RATE * TICK_MS) / 1000;
      const sentAt = new Map<string, number>();
      const start = Date.now();
      let i = 0;
      for (let tick = 0; tick < (seconds * 1000) / TICK_MS; tick++) {
        const due = start + tick * TICK_MS;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        const messages = [];
        for (let k = 0; k < perTick; k++, i++) {
          const source = SOURCES[i % SOURCES.length] as StreamSource;
          const e = validEvent(source, i, i % 5000, "lat-");
          messages.push({
            topic: prefix + AGENCY_TOPICS[source],
            key: e.subject.sourcePersonId,
            value: JSON.stringify(e),
            id: `${source}|${e.eventId}`,
          });
        }
        const now = Date.now();
        for (const m of messages) sentAt.set(m.id, now);
        const byTopic = new Map<string, Array<{ key: string; value: string; timestamp: string }>>();
        for (const m of messages) {
          const list = byTopic.get(m.topic) ?? [];
          list.push({ key: m.key, value: m.value, timestamp: String(now) });
          byTopic.set(m.topic, list);
        }
        await producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })),
        });
      }
      const producedSeconds = (Date.now() - start) / 1000;
      await producer.disconnect();
      const groupId = `mash-hub-${prefix}`;
      await waitUntil(
        async () =>
          (await remainingFor(kafka, groupId, Object.values(topicNames(prefix).agency))) === 0,
        "drained",
        3_600_000,
      );
      const c = new pg.Client({ connectionString: database.url });
      await c.connect();
      const rows = (
        await c.query<{ source: string; eventId: string; at: Date }>(
          `SELECT source, "eventId", "receivedAt" AS at FROM "InboundEvent"`,
        )
      ).rows;
      await c.end();
      const latencies = rows
        .map((r) => r.at.getTime() - (sentAt.get(`${r.source}|${r.eventId}`) ?? NaN))
        .filter((n) => Number.isFinite(n))
        .sort((a, b) => a - b);
      const s = summarise(latencies);
      return {
        metrics: {
          p50_ms: Math.round(s.p50Ms),
          p99_ms: Math.round(s.p99Ms),
          max_ms: Math.round(s.maxMs),
          offered_rate_per_s: Math.round(i / producedSeconds),
          stored: rows.length,
        },
        notes: `${i} events over ${seconds}s; receivedAt is the storing transaction's start (commit follows within ms)`,
      };
    } finally {
      await hub.stop();
    }
  },
};
export default scenario;
