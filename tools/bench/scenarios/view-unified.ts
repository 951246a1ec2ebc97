// The unified view of one fully populated child (every agency section, household, RAG) at 20
// concurrent clients over the seeded dataset, through the real hub over HTTP, beside a plain
// Apollo Server and the node:http + pg floor on the same data. Each of the three servers runs in
// its own process, one after the other, loaded from the bench process; each one's CPU per
// request and peak resident memory are its own (/proc).
import os from "node:os";
import pg from "pg";
import type { Scenario } from "../support/scenario.ts";
import { startBenchHub } from "../support/hub.ts";
import { graphqlLoad, type LoadResult } from "../support/load.ts";
import { postgresCpu } from "../support/postgres-cpu.ts";
import { cpuMs, megabytes, memory } from "../support/proc.ts";
import { sampleRss } from "../support/rss.ts";
import { startViewServer } from "../support/view-floor.ts";

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

const fmtLoad = (load: number[]) => load.map((l) => l.toFixed(2)).join(" ");

interface Measured {
  load: LoadResult;
  /** The server's VmHWM after its load: its peak resident memory since it started. */
  peakRssMb: number;
  /** The server process's CPU (user + system) per request, warm-up included. */
  cpuMsPerRequest: number;
  /** PostgreSQL's CPU (every process of the server) per request over the same load. */
  pgCpuMsPerRequest: number;
  /** The bench process's CPU (the load generator) per request over the same load. */
  benchCpuMsPerRequest: number;
}

const pick = (m: Measured) => ({
  p50_ms: m.load.p50Ms,
  p95_ms: m.load.p95Ms,
  p99_ms: m.load.p99Ms,
  rps: m.load.rps,
  errors: m.load.errors,
  peak_rss_mb: m.peakRssMb,
  cpu_ms_per_request: m.cpuMsPerRequest,
  pg_cpu_ms_per_request: m.pgCpuMsPerRequest,
  bench_cpu_ms_per_request: m.benchCpuMsPerRequest,
});

/** The top-level fields where the floor's child differs from the hub's (sources aside: the hub says NOT_CONFIGURED for unconfigured pulls). */
async function sameChild(
  hubUrl: string,
  token: string,
  id: string,
  floorUrl: string,
  query: string,
) {
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
  const [a, b] = [await ask(hubUrl, token), await ask(floorUrl)];
  return Object.keys(a).filter(
    (k) => k !== "sources" && JSON.stringify(a[k]) !== JSON.stringify(b[k]),
  );
}

const scenario: Scenario = {
  name: "view-unified",
  description:
    "child(id) with every section, 20 concurrent clients: the hub (policy and audit on) against a plain Apollo Server and the node:http + pg floor on the same statement, in the same run, each server in its own process",
  async run(ctx) {
    const db = await ctx.seededDatabase({ children: ctx.children });
    const ids = await fullyPopulatedChildren(db.url, 200);
    const requests = ctx.size(5_000, 500);
    const warmup = 100;
    const query = `query($id: ID!) { child(id: $id) { ${CHILD_SECTIONS} } }`;
    const variables = (i: number) => ({ id: ids[i % ids.length] });
    const pgCpu = await postgresCpu(db.url);
    const perRequest = (ms: number) => Math.round((ms / (requests + warmup)) * 100) / 100;
    /** The load on one server (its own process, `pid`), with its CPU and peak memory. */
    const measure = async (pid: number, url: string, token?: string): Promise<Measured> => {
      const [cpu0, pg0, bench0] = [cpuMs(pid), pgCpu.sample(), cpuMs(process.pid)];
      const load = await graphqlLoad({
        url,
        token,
        concurrency: CONCURRENCY,
        requests,
        warmup,
        query,
        variables,
      });
      return {
        load,
        peakRssMb: megabytes(memory(pid)?.hwm ?? NaN),
        cpuMsPerRequest: perRequest(cpuMs(pid) - cpu0),
        pgCpuMsPerRequest: perRequest(pgCpu.sample() - pg0),
        benchCpuMsPerRequest: perRequest(cpuMs(process.pid) - bench0),
      };
    };
    const bench = sampleRss(process.pid, 250);
    const loadAtStart = os.loadavg();

    const floor = await startViewServer("floor", db.url);
    const floorResult = await measure(floor.pid, floor.url).finally(() => floor.stop());
    const apollo = await startViewServer("apollo", db.url);
    const apolloResult = await measure(apollo.pid, apollo.url).finally(() => apollo.stop());

    const hub = await startBenchHub(ctx, { databaseUrl: db.hubUrl });
    try {
      const token = await hub.token({ sub: "bench-screener", role: "MASH_SCREENER" });
      const r = await measure(hub.pid, hub.graphqlUrl, token);
      // one answer compared with the floor's (after the measurement: a floor process beside
      // the hub would share its cores)
      const check = await startViewServer("floor", db.url);
      const same = await sameChild(hub.graphqlUrl, token, ids[0]!, check.url, query).finally(() =>
        check.stop(),
      );
      const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
      const errors = [
        r.load.firstError && `first error: ${r.load.firstError}`,
        floorResult.load.firstError && `floor error: ${floorResult.load.firstError}`,
        apolloResult.load.firstError && `apollo error: ${apolloResult.load.firstError}`,
      ].filter(Boolean);
      return {
        metrics: {
          ...pick(r),
          floor_rps: floorResult.load.rps,
          floor_p95_ms: floorResult.load.p95Ms,
          floor_peak_rss_mb: floorResult.peakRssMb,
          floor_cpu_ms_per_request: floorResult.cpuMsPerRequest,
          floor_pg_cpu_ms_per_request: floorResult.pgCpuMsPerRequest,
          hub_over_floor_rps: ratio(r.load.rps, floorResult.load.rps),
          hub_over_apollo_rps: ratio(r.load.rps, apolloResult.load.rps),
          bench_peak_rss_mb: bench.stop().peakMb,
          floor_same_answer: same.length === 0 ? 1 : 0,
        },
        baseline: pick(apolloResult),
        notes:
          `${db.children} children; ${ids.length} fully populated children in rotation; ${requests} requests per server (after ${warmup} one at a time); ` +
          `baseline = plain Apollo Server 5 on the floor's one prepared statement; floor = node:http + pg; ` +
          `each server in its own process (NODE_ENV=production), one at a time, the load generator in the bench process; ` +
          `peak_rss_mb = the server's VmHWM, cpu_ms_per_request = its process's CPU, pg_cpu_ms_per_request = PostgreSQL's (every process of the server) and bench_cpu_ms_per_request = the load generator's over the same load, bench_peak_rss_mb = the bench process (load generator, dataset) over the three loads; ` +
          `connectors not configured${same.length ? `; floor differs from the hub in: ${same.join(", ")}` : ""}${errors.length ? `; ${errors.join("; ")}` : ""}; ` +
          `load average ${fmtLoad(loadAtStart)} at start, ${fmtLoad(os.loadavg())} at end (2 cores, shared)`,
      };
    } finally {
      await hub.stop();
    }
  },
};
export default scenario;
