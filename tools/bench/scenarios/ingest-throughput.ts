// Sustained ingest: a realistic mix over the five agency topics (with 10% redelivered duplicates
// and 3% bad messages), produced up front, consumed by a real hub until every offset is committed.
import pg from "pg";
import type { Scenario } from "../support/scenario.ts";
import { startBenchHub } from "../support/hub.ts";
import { topicNames } from "#consumers/topic-names.ts";
import { planStream } from "../../../tests/integration/ingestion/event-stream.ts";
import {
  produce,
  remainingFor,
  testKafka,
  waitUntil,
} from "../../../tests/integration/ingestion/kafka-helpers.ts";

const scenario: Scenario = {
  name: "ingest-throughput",
  description: "events/s from the agency topics to stored and rated (realistic mix, 5 topics)",
  async run(ctx) {
    if (!ctx.kafkaBrokers) throw new Error("needs Kafka");
    const database = await ctx.createDatabase();
    const hub = await startBenchHub(ctx, { databaseUrl: database.url, kafka: true });
    try {
      const prefix = hub.topicPrefix as string;
      const kafka = testKafka(ctx.kafkaBrokers);
      const plan = planStream(ctx.size(20_000, 2_000), 5);
      ctx.progress(`producing ${plan.messages.length} events`);
      const started = Date.now();
      await produce(kafka, prefix, plan.messages, 500);
      const producedMs = Date.now() - started;
      const topics = Object.values(topicNames(prefix).agency);
      const groupId = `mash-hub-${prefix}`;
      await waitUntil(
        async () => (await remainingFor(kafka, groupId, topics)) === 0,
        "all offsets committed",
        3_600_000,
      );
      const seconds = (Date.now() - started) / 1000;
      const c = new pg.Client({ connectionString: database.url });
      await c.connect();
      const stored = Number(
        (await c.query<{ n: string }>(`SELECT count(*) AS n FROM "InboundEvent"`)).rows[0]?.n,
      );
      const rated = Number(
        (await c.query<{ n: string }>(`SELECT count(*) AS n FROM "RagAssessment"`)).rows[0]?.n,
      );
      await c.end();
      return {
        metrics: {
          events_per_s: Math.round(plan.messages.length / seconds),
          stored_per_s: Math.round(stored / seconds),
          events: plan.messages.length,
          stored,
          rated,
          produce_ms: producedMs,
        },
        notes: `${plan.distinctValid} distinct valid, ${plan.duplicates} duplicates, ${plan.bad} bad, ${plan.conflicts} conflicts; hub and load share the machine`,
      };
    } finally {
      await hub.stop();
    }
  },
};
export default scenario;
