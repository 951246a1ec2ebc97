// The unified view of one fully populated child (every agency section, household, RAG) at 20
// concurrent clients over the seeded dataset, through the real hub over HTTP.
import pg from "pg";
import type { Scenario } from "../support/scenario.ts";
import { startBenchHub } from "../support/hub.ts";
import { graphqlLoad } from "../support/load.ts";

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

const scenario: Scenario = {
  name: "view-unified",
  description: "child(id) with every section for fully populated children, 20 concurrent clients",
  async run(ctx) {
    const db = await ctx.seededDatabase({ children: ctx.children });
    const ids = await fullyPopulatedChildren(db.url, 200);
    const hub = await startBenchHub(ctx, { databaseUrl: db.url });
    try {
      const token = await hub.token({ sub: "bench-screener", role: "MASH_SCREENER" });
      const requests = ctx.size(5_000, 500);
      const r = await graphqlLoad({
        url: hub.graphqlUrl,
        token,
        concurrency: CONCURRENCY,
        requests,
        warmup: 100,
        query: `query($id: ID!) { child(id: $id) { ${CHILD_SECTIONS} } }`,
        variables: (i) => ({ id: ids[i % ids.length] }),
      });
      return {
        metrics: {
          p50_ms: r.p50Ms,
          p95_ms: r.p95Ms,
          p99_ms: r.p99Ms,
          rps: r.rps,
          errors: r.errors,
        },
        notes: `${db.children} children; ${ids.length} fully populated children in rotation; ${requests} requests; connectors not configured (pushed data only)${r.firstError ? `; first error: ${r.firstError}` : ""}`,
      };
    } finally {
      await hub.stop();
    }
  },
};
export default scenario;
