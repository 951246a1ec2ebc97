// Issue 14 item 5: the hub's resident memory while it ingests the realistic stream (100,000 events
// at full size) and serves the full child view to 20 clients at the same time. The view is asked
// for children already ingested (re-drawn each round as the database fills). The hub runs in its
// own process: hub_peak_rss_mb is its peak (VmHWM) and hub_cpu_ms_per_event its CPU, the view
// included; the load generator and the produced stream are the bench process's
// (bench_peak_rss_mb, bench_cpu_ms_per_event).
import pg from "pg";
import type { Scenario } from "../support/scenario.ts";
import { ingestRun } from "../support/ingest-run.ts";
import { graphqlLoad, type LoadResult } from "../support/load.ts";
import { CHILD_SECTIONS } from "./view-unified.ts";

const CONCURRENCY = 20;
const ROUND = 400;

const scenario: Scenario = {
  name: "ingest-with-view",
  description:
    "the hub's peak RSS (target < 500 MB) while it ingests the realistic stream and serves child(id) with every section at 20 clients",
  async run(ctx) {
    const rounds: LoadResult[] = [];
    const query = `query($id: ID!) { child(id: $id) { ${CHILD_SECTIONS} } }`;
    const result = await ingestRun(ctx, {
      events: ctx.size(100_000, 3_000),
      seed: 7,
      warmup: 0, // the peak memory is the hub's from its start
      async during(hub, databaseUrl, consuming) {
        const token = await hub.token({ sub: "bench-screener", role: "MASH_SCREENER" });
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        try {
          while (consuming()) {
            const ids = (
              await c.query<{ id: string }>(
                `SELECT id::text FROM "Person" WHERE "isChild" AND status = 'ACTIVE'
                  ORDER BY random() LIMIT 200`,
              )
            ).rows.map((r) => r.id);
            if (ids.length === 0) {
              await new Promise((r) => setTimeout(r, 250));
              continue;
            }
            rounds.push(
              await graphqlLoad({
                url: hub.graphqlUrl,
                token,
                concurrency: CONCURRENCY,
                requests: ROUND,
                warmup: 0,
                query,
                variables: (i) => ({ id: ids[i % ids.length] }),
              }),
            );
          }
        } finally {
          await c.end();
        }
      },
    });
    const requests = rounds.reduce((n, r) => n + r.requests, 0);
    const busyMs = rounds.reduce((n, r) => n + r.durationMs, 0);
    const p95s = rounds.map((r) => r.p95Ms).sort((a, b) => a - b);
    const firstError = rounds.find((r) => r.firstError)?.firstError;
    return {
      metrics: {
        ...result.metrics,
        view_requests: requests,
        view_rps: busyMs > 0 ? Math.round((requests / busyMs) * 1000) : 0,
        view_p95_ms_median_round: p95s[Math.floor(p95s.length / 2)] ?? NaN,
        view_p95_ms_worst_round: p95s[p95s.length - 1] ?? NaN,
        view_errors: rounds.reduce((n, r) => n + r.errors, 0),
      },
      notes: `${result.notes}; view: ${rounds.length} rounds of ${ROUND} requests at ${CONCURRENCY} clients during consumption (the hub's CPU per event here includes serving the view; the load generator is the bench's)${firstError ? `; first view error: ${firstError}` : ""}`,
    };
  },
};
export default scenario;
