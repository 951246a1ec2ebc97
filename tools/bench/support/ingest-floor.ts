// The limit the hub's ingestion is measured against, on the same day, broker and database: the
// agency topics taken into PostgreSQL with nothing of the hub's work — no validation, identity,
// records, households, rating, notifications or dead letters. A consumer of the same group shape
// (kafkajs through #kafka/client.ts, the hub's fetch settings, the same partitions in flight)
// takes each partition's batch in chunks of 500, keeps every message that parses as JSON with a
// source and an eventId in ONE prepared INSERT … SELECT FROM unnest … ON CONFLICT DO NOTHING
// (the claim, with a sha-256 of the bytes), and resolves the chunk's offsets after it commits —
// the hub's delivery guarantee at its least cost. Measured, it runs in its own process like the
// hub (ingest-floor-main.ts, startIngestFloorProcess).
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { createKafkaClient, ensureTopics, type EachBatchPayload } from "#kafka/client.ts";
import { createLogger } from "#logging/logger.ts";
import { topicNames } from "#consumers/topic-names.ts";
import { startServerProcess, type ServerProcess } from "./server-process.ts";

const CHUNK = 500;

const CLAIM = {
  name: "bench-ingest-floor-claim",
  text: `INSERT INTO bench_floor_event (source, event_id, content_hash, body)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])
         ON CONFLICT DO NOTHING`,
};

export interface IngestFloorOptions {
  brokers: string;
  topicPrefix: string;
  groupId: string;
  databaseUrl: string;
  /** Partitions in flight (the hub's default: its pool less two). */
  concurrency: number;
}

export interface IngestFloor {
  stop(): Promise<void>;
}

interface Claimed {
  source: string;
  eventId: string;
  hash: string;
  body: string;
}

/** Source and eventId of a message, or undefined for one that is not such JSON (left out). */
export function claimOf(value: Buffer | null): Claimed | undefined {
  if (!value) return undefined;
  const text = value.toString("utf8");
  // jsonb refuses \u0000, as the hub's own store does
  if (text.includes("\\u0000")) return undefined;
  try {
    const body: unknown = JSON.parse(text);
    if (!body || typeof body !== "object") return undefined;
    const { source, eventId } = body as { source?: unknown; eventId?: unknown };
    if (typeof source !== "string" || typeof eventId !== "string") return undefined;
    const hash = createHash("sha256").update(value).digest("hex");
    return { source, eventId, hash, body: text };
  } catch {
    return undefined;
  }
}

/** The floor consumer in this process; resolves once it has joined its group. */
export async function startIngestFloor(options: IngestFloorOptions): Promise<IngestFloor> {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.concurrency + 1,
  });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_floor_event (
      source text NOT NULL, event_id text NOT NULL, content_hash text NOT NULL, body jsonb NOT NULL,
      received_at timestamptz NOT NULL DEFAULT clock_timestamp(), PRIMARY KEY (source, event_id))`);
  const kafka = createKafkaClient(
    {
      brokers: options.brokers.split(","),
      clientId: `bench-floor-${randomBytes(3).toString("hex")}`,
    },
    createLogger("silent"),
  );
  const topics = Object.values(topicNames(options.topicPrefix).agency);
  await ensureTopics(kafka, topics);
  const consumer = kafka.consumer(options.groupId);
  const joined = new Promise<void>((resolve) => {
    consumer.on(consumer.events.GROUP_JOIN, () => resolve());
  });

  async function eachBatch(payload: EachBatchPayload) {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } =
      payload;
    for (let start = 0; start < batch.messages.length; start += CHUNK) {
      if (!isRunning() || isStale()) break;
      const chunk = batch.messages.slice(start, start + CHUNK);
      const rows = chunk.flatMap((m) => claimOf(m.value) ?? []);
      if (rows.length > 0) {
        await pool.query({
          ...CLAIM,
          values: [
            rows.map((r) => r.source),
            rows.map((r) => r.eventId),
            rows.map((r) => r.hash),
            rows.map((r) => r.body),
          ],
        });
      }
      const last = chunk[chunk.length - 1];
      if (last) resolveOffset(last.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachBatchAutoResolve: false,
    autoCommit: true,
    autoCommitThreshold: 50,
    partitionsConsumedConcurrently: options.concurrency,
    eachBatch,
  });
  await joined;
  return {
    async stop() {
      await consumer.disconnect();
      await pool.end();
    },
  };
}

/** The floor in its own process (ingest-floor-main.ts), ready once it has joined its group. */
export async function startIngestFloorProcess(options: IngestFloorOptions): Promise<ServerProcess> {
  const child = startServerProcess(
    "ingest-floor",
    "tools/bench/support/ingest-floor-main.ts",
    [
      options.brokers,
      options.topicPrefix,
      options.groupId,
      String(options.concurrency),
      options.databaseUrl,
    ],
    { NODE_ENV: "production" },
  );
  try {
    await child.line(/^ready$/, 120_000);
  } catch (error) {
    await child.stop(5_000);
    throw error;
  }
  return child;
}
