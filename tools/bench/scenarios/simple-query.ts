// The floor of the GraphQL path: a trivial authenticated query at 20 concurrency against a hub
// in its own process, with GET /healthz (no GraphQL, no token) as the baseline.
import type { Scenario } from "../support/scenario.ts";
import { startBenchHub } from "../support/hub.ts";
import { graphqlLoad, runLoad, type LoadResult } from "../support/load.ts";

const CONCURRENCY = 20;

const scenario: Scenario = {
  name: "simple-query",
  description: "{ __typename } with a token at 20 concurrency; baseline GET /healthz",
  async run(ctx) {
    const db = await ctx.createDatabase();
    const hub = await startBenchHub(ctx, { databaseUrl: db.hubUrl });
    try {
      const token = await hub.token({ sub: "bench-screener", role: "MASH_SCREENER" });
      const requests = ctx.size(10_000, 1_000);
      const gql = await graphqlLoad({
        url: hub.graphqlUrl,
        token,
        query: "{ __typename }",
        concurrency: CONCURRENCY,
        requests,
        warmup: 200,
      });
      const health = await runLoad({
        concurrency: CONCURRENCY,
        requests,
        warmup: 200,
        task: async () => {
          const res = await fetch(`${hub.url}/healthz`);
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
        },
      });
      const pick = (r: LoadResult) => ({
        p50_ms: r.p50Ms,
        p95_ms: r.p95Ms,
        p99_ms: r.p99Ms,
        rps: r.rps,
        errors: r.errors,
      });
      return {
        metrics: pick(gql),
        baseline: pick(health),
        notes: `${requests} requests at ${CONCURRENCY} concurrency; the hub in its own process, the load generator in the bench process${gql.firstError ? `; first error: ${gql.firstError}` : ""}`,
      };
    } finally {
      await hub.stop();
      await db.drop();
    }
  },
};
export default scenario;
