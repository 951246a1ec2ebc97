// Kafka event → WebSocket alert, for a proposed RED: a MASH screener subscribed over graphql-ws
// on a real hub; each police event (HIGH risk, a new child) is produced on Kafka and timed until
// its alert arrives at the subscriber. Sequential, so each figure is one event's whole path:
// consume, store, rate, notify, alert, commit, NOTIFY, LISTEN, push.
import type { Scenario } from "../support/scenario.ts";
import { startBenchHub } from "../support/hub.ts";
import { summarise } from "../support/stats.ts";
import {
  agencyProducer,
  newChild,
  policeEvent,
  subscribeAlerts,
} from "../../../tests/integration/notifications/helpers.ts";

const scenario: Scenario = {
  name: "alert-latency",
  description: "Kafka police event (proposed RED) → alertRaised on a graphql-ws subscriber",
  async run(ctx) {
    if (!ctx.kafkaBrokers) throw new Error("needs Kafka");
    const database = await ctx.createDatabase();
    const hub = await startBenchHub(ctx, { databaseUrl: database.hubUrl, kafka: true });
    const producer = await agencyProducer(hub.topicPrefix as string, ctx.kafkaBrokers);
    const live = await subscribeAlerts(
      hub.url,
      await hub.token({ sub: "bench-screener", role: "MASH_SCREENER" }),
    );
    try {
      const n = ctx.size(200, 40);
      const latencies: number[] = [];
      for (let i = 0; i < n; i++) {
        const before = live.received.length;
        const started = performance.now();
        await producer.send(
          policeEvent(newChild(), { category: "OTHER", riskLevel: "HIGH", childPresent: true }),
        );
        const deadline = Date.now() + 30_000;
        while (live.received.length === before) {
          if (Date.now() > deadline) throw new Error(`alert ${i} did not arrive`);
          await new Promise((r) => setImmediate(r));
        }
        latencies.push(performance.now() - started);
        if (i % 50 === 0) ctx.progress(`${i}/${n}`);
      }
      const s = summarise(latencies.slice(Math.min(5, latencies.length - 1))); // first few warm up
      return {
        metrics: {
          p50_ms: s.p50Ms,
          p95_ms: s.p95Ms,
          p99_ms: s.p99Ms,
          max_ms: s.maxMs,
          events: s.count,
        },
        notes: `${n} sequential events, one new child each; goal p95 < 1000 ms`,
      };
    } finally {
      await live.close();
      await producer.stop();
      await hub.stop();
    }
  },
};
export default scenario;
