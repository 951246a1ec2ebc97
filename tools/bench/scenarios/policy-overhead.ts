// The cost of the access policy and the audit: the unified child view executed against the
// served schema (every field through the policy, one hash-chained access event written per
// response) and against the same schema without the policy (no decisions, no audit), in the
// same process, on the same database, same children, same concurrency. Executed in-process
// (graphql execute), so HTTP time does not dilute the overhead: the figure is conservative.
import { execute, parse, type GraphQLSchema } from "graphql";
import type { Scenario } from "../support/scenario.ts";
import { runLoad, type LoadResult } from "../support/load.ts";
import { fullyPopulatedChildren, CHILD_SECTIONS } from "./view-unified.ts";
import { loadConfig } from "#config/index.ts";
import { createDb } from "#db/client.ts";
import { ensureAnchorTable } from "#audit/chain-anchor.ts";
import { createServices } from "#domain/services.ts";
import { createMetrics } from "#metrics/metrics.ts";
import { createTokenVerifier } from "#auth/verify-token.ts";
import { AGENCY_NAMES } from "#connectors/registry.ts";
import { buildContext } from "#resolvers/context.ts";
import { buildSchema, buildUnguardedSchema } from "#server/schema.ts";
import { writeResponseAudit } from "#audit/write-response-audit.ts";
import type { Viewer } from "#auth/viewer.ts";
import { BENCH_AUDIT_CHAIN_KEY, BENCH_JWT_SECRET } from "../support/hub.ts";

const CONCURRENCY = 20;

const scenario: Scenario = {
  name: "policy-overhead",
  description:
    "unified child view with the access policy and audit vs the same query with them bypassed (p95 overhead %)",
  async run(ctx) {
    const seeded = await ctx.seededDatabase({ children: ctx.children });
    const ids = await fullyPopulatedChildren(seeded.url, 200);
    // as the hub's runtime role, with the bench hub's keys: the seeded database is shared with
    // the scenarios that start a hub on it, and their audit chain continues this one's
    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: seeded.hubUrl,
      AUTH_JWT_SECRET: BENCH_JWT_SECRET,
      AUDIT_CHAIN_KEY: BENCH_AUDIT_CHAIN_KEY,
      LOG_LEVEL: "silent",
    });
    const db = createDb(seeded.hubUrl, config.database.poolSize);
    // what the hub does at start (server/start-database.ts): the audit's anchored head
    await ensureAnchorTable(db);
    const services = createServices({
      config,
      db,
      logger: ctx.logger,
      metrics: createMetrics(),
      verifyToken: createTokenVerifier(config.auth, AGENCY_NAMES),
    });
    const viewer: Viewer = {
      sub: "bench-screener",
      role: "MASH_SCREENER",
      name: undefined,
      email: undefined,
      agency: undefined,
    };
    const document = parse(`query($id: ID!) { child(id: $id) { ${CHILD_SECTIONS} } }`);
    const run = (schema: GraphQLSchema, audited: boolean, requests: number) =>
      runLoad({
        concurrency: CONCURRENCY,
        requests,
        warmup: 50,
        task: async (i) => {
          const contextValue = buildContext(services, viewer, "benchmark");
          const result = await execute({
            schema,
            document,
            contextValue,
            variableValues: { id: ids[i % ids.length] },
          });
          if (result.errors?.length) throw new Error(result.errors[0]?.message);
          if (audited) await writeResponseAudit(contextValue);
        },
      });
    try {
      const guarded = buildSchema();
      const bypassed = buildUnguardedSchema();
      const requests = ctx.size(4_000, 400);
      // alternate halves so that neither side benefits from a warmer cache
      const half = Math.floor(requests / 2);
      const b1 = await run(bypassed, false, half);
      const g1 = await run(guarded, true, half);
      const b2 = await run(bypassed, false, half);
      const g2 = await run(guarded, true, half);
      const worse = (a: LoadResult, b: LoadResult) => (a.p95Ms >= b.p95Ms ? a : b);
      const g = worse(g1, g2);
      const b = worse(b1, b2);
      const overhead = (x: number, y: number) => Math.round(((x - y) / y) * 1000) / 10;
      return {
        metrics: {
          p50_ms: g.p50Ms,
          p95_ms: g.p95Ms,
          p99_ms: g.p99Ms,
          rps: g.rps,
          errors: g1.errors + g2.errors,
          overhead_p50_pct: overhead(g.p50Ms, b.p50Ms),
          overhead_p95_pct: overhead(g.p95Ms, b.p95Ms),
        },
        baseline: {
          p50_ms: b.p50Ms,
          p95_ms: b.p95Ms,
          p99_ms: b.p99Ms,
          rps: b.rps,
          errors: b1.errors + b2.errors,
        },
        notes: `${seeded.children} children; ${ids.length} in rotation; ${requests} requests per side at ${CONCURRENCY} concurrent; goal: overhead_p95_pct < 15${g.firstError ? `; first error: ${g.firstError}` : ""}`,
      };
    } finally {
      await db.$disconnect();
    }
  },
};
export default scenario;
