// findChildren returning 50 children with every section, executed against the hub's own schema
// (access policy included) with the request's DataLoaders batching, and again with batching off:
// child-view database round trips and time for each, in the same run.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { graphql } from "graphql";
import type { Scenario } from "../support/scenario.ts";
import { startInProcessBenchHub } from "../support/hub.ts";
import { buildSchema } from "#server/schema.ts";
import { buildContext } from "#resolvers/context.ts";
import { summarise } from "../support/stats.ts";
import { CHILD_SECTIONS } from "./view-unified.ts";

async function commonFamilyName(url: string): Promise<{ name: string; count: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ familyName: string; n: string }>(
      `SELECT "familyName", count(*) AS n FROM "Person" WHERE "isChild" AND "familyName" IS NOT NULL
        GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    return { name: rows[0]!.familyName, count: Number(rows[0]!.n) };
  } finally {
    await client.end();
  }
}

const scenario: Scenario = {
  name: "view-dataloader",
  description: "findChildren(first: 50) with all sections: DataLoader batching on vs off",
  async run(ctx) {
    const db = await ctx.seededDatabase({ children: ctx.children });
    const family = await commonFamilyName(db.url);
    // in process: the scenario executes against the hub's own services
    const hub = await startInProcessBenchHub(ctx, { databaseUrl: db.hubUrl });
    try {
      const services = hub.hub.services;
      const schema = buildSchema();
      const viewer = {
        sub: "bench-screener",
        role: "MASH_SCREENER" as const,
        name: undefined,
        email: undefined,
        agency: undefined,
      };
      const source = `query($f: String) { findChildren(search: { familyName: $f }, first: 50) {
        score matchedOn child { ${CHILD_SECTIONS} } } }`;
      const runs = ctx.size(30, 8);

      async function measure(batch: boolean) {
        const times: number[] = [];
        let roundTrips = 0;
        let children = 0;
        for (let i = 0; i < runs + 2; i++) {
          let queries = 0;
          const context = buildContext(services, viewer, "bench", {
            loaders: { batch, onQuery: () => void queries++ },
          });
          const t0 = performance.now();
          const res = await graphql({
            schema,
            source,
            contextValue: context,
            variableValues: { f: family.name },
          });
          const ms = performance.now() - t0;
          if (res.errors?.length) throw new Error(res.errors[0]!.message);
          if (i < 2) continue; // warm-up
          times.push(ms);
          roundTrips = queries + 1; // + the findChildren candidate query
          children = (res.data?.["findChildren"] as unknown[]).length;
        }
        const s = summarise(times);
        return { round_trips: roundTrips, p50_ms: s.p50Ms, p95_ms: s.p95Ms, children };
      }

      const on = await measure(true);
      const off = await measure(false);
      return {
        metrics: { round_trips: on.round_trips, p50_ms: on.p50_ms, p95_ms: on.p95_ms },
        baseline: { round_trips: off.round_trips, p50_ms: off.p50_ms, p95_ms: off.p95_ms },
        notes: `${db.children} children; ${on.children} children per answer (family name shared by ${family.count}); ${runs} runs each; baseline = DataLoader batching off; round trips counted in child-view loaders (access-policy queries not counted)`,
      };
    } finally {
      await hub.stop();
    }
  },
};
export default scenario;
