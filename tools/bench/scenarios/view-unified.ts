// The unified view of one fully populated child (every agency section, household, RAG) at 20
// concurrent clients over the seeded dataset, through the real hub over HTTP.
import pg from "pg";
import type { Scenario } from "../support/scenario.ts";
import { startBenchHub } from "../support/hub.ts";
import { graphqlLoad, type LoadResult } from "../support/load.ts";
import { startApolloBaseline, startViewFloor } from "../support/view-floor.ts";

const CONCURRENCY = 20;

/** Identity and flag fields: what a MASH screener sees without consent (no WITHHELD errors). */
export const CHILD_SECTIONS = /* GraphQL */ `
  id nhsNumber upn givenName familyName dateOfBirth postcode
  household { personId givenName familyName relationship }
  agencyIdentifiers { agency kind value }
  cpis { planType status startDate endDate responsibleOrganisation }
  policeNotifications { id category riskLevel childPresent occurredAt }
  hospitalAttendances { id arrivedAt injury safeguardingConcern }
  attendancePattern { attendancesLast12Months injuryAttendancesLast12Months lastSixAttendancesConcern reasons }
  schoolAttendance { periodStart periodEnd attendanceRate persistentAbsence severeAbsence missingEducation permanentlyExcluded }
  earlyHelp { episodeId status openedAt }
  rag { rag screened reasons { ruleId } }
  sources { agency ok asOf error }`;

/** Children with a record from every agency (CP-IS, police, ED, school, early help). */
export async function fullyPopulatedChildren(url: string, limit: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT p.id FROM "Person" p
        WHERE p."isChild"
          AND EXISTS (SELECT 1 FROM "CpisPlan" x WHERE x."personId" = p.id)
          AND EXISTS (SELECT 1 FROM "PoliceNotification" x WHERE x."personId" = p.id)
          AND EXISTS (SELECT 1 FROM "EdAttendance" x WHERE x."personId" = p.id)
          AND EXISTS (SELECT 1 FROM "SchoolAttendance" x WHERE x."personId" = p.id)
          AND EXISTS (SELECT 1 FROM "EarlyHelpEpisode" x WHERE x."personId" = p.id)
        ORDER BY p.id LIMIT $1`,
      [limit],
    );
    if (rows.length > 0) return rows.map((r) => r.id);
    // small datasets may hold no child known to all five: take the best covered
    const best = await client.query<{ id: string }>(
      `SELECT p.id FROM "Person" p WHERE p."isChild" ORDER BY
         (SELECT count(*) FROM "PoliceNotification" x WHERE x."personId" = p.id) +
         (SELECT count(*) FROM "EdAttendance" x WHERE x."personId" = p.id) +
         (SELECT count(*) FROM "CpisPlan" x WHERE x."personId" = p.id) DESC LIMIT $1`,
      [limit],
    );
    return best.rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

const pick = (r: LoadResult) => ({
  p50_ms: r.p50Ms,
  p95_ms: r.p95Ms,
  p99_ms: r.p99Ms,
  rps: r.rps,
  errors: r.errors,
});

/** The top-level fields where the floor's child differs from the hub's (sources aside: the hub says NOT_CONFIGURED for unconfigured pulls). */
async function sameChild(hubUrl: string, token: string, id: string, dbUrl: string, query: string) {
  const ask = async (url: string, auth?: string) => {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(auth ? { authorization: `Bearer ${auth}` } : {}),
      },
      body: JSON.stringify({ query, variables: { id } }),
    });
    return ((await res.json()) as { data: { child: Record<string, unknown> } }).data.child;
  };
  const floor = await startViewFloor(dbUrl);
  try {
    const [a, b] = [await ask(hubUrl, token), await ask(floor.url)];
    return Object.keys(a).filter(
      (k) => k !== "sources" && JSON.stringify(a[k]) !== JSON.stringify(b[k]),
    );
  } finally {
    await floor.stop();
  }
}

const scenario: Scenario = {
  name: "view-unified",
  description:
    "child(id) with every section, 20 concurrent clients: the hub (policy and audit on) against a plain Apollo Server and the node:http + pg floor on the same statement, in the same run",
  async run(ctx) {
    const db = await ctx.seededDatabase({ children: ctx.children });
    const ids = await fullyPopulatedChildren(db.url, 200);
    const requests = ctx.size(5_000, 500);
    const query = `query($id: ID!) { child(id: $id) { ${CHILD_SECTIONS} } }`;
    const variables = (i: number) => ({ id: ids[i % ids.length] });
    const load = (url: string, token?: string) =>
      graphqlLoad({
        url,
        token,
        concurrency: CONCURRENCY,
        requests,
        warmup: 100,
        query,
        variables,
      });

    const floor = await startViewFloor(db.url);
    const floorResult = await load(floor.url).finally(() => floor.stop());
    const apollo = await startApolloBaseline(db.url);
    const apolloResult = await load(apollo.url).finally(() => apollo.stop());

    const hub = await startBenchHub(ctx, { databaseUrl: db.url });
    try {
      const token = await hub.token({ sub: "bench-screener", role: "MASH_SCREENER" });
      const same = await sameChild(hub.graphqlUrl, token, ids[0]!, db.url, query);
      const r = await load(hub.graphqlUrl, token);
      const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
      return {
        metrics: {
          ...pick(r),
          floor_rps: floorResult.rps,
          floor_p95_ms: floorResult.p95Ms,
          hub_over_floor_rps: ratio(r.rps, floorResult.rps),
          hub_over_apollo_rps: ratio(r.rps, apolloResult.rps),
          rss_mb: Math.round(process.memoryUsage().rss / 1e6),
          floor_same_answer: same.length === 0 ? 1 : 0,
        },
        baseline: pick(apolloResult),
        notes: `${db.children} children; ${ids.length} fully populated children in rotation; ${requests} requests per server; baseline = plain Apollo Server 5 on the floor's one prepared statement; floor = node:http + pg; load generator shares the process; connectors not configured${same.length ? `; floor differs from the hub in: ${same.join(", ")}` : ""}${r.firstError ? `; first error: ${r.firstError}` : ""}${floorResult.firstError ? `; floor error: ${floorResult.firstError}` : ""}${apolloResult.firstError ? `; apollo error: ${apolloResult.firstError}` : ""}`,
      };
    } finally {
      await hub.stop();
    }
  },
};
export default scenario;
