// The limit the hub's child view is measured against (issue 14): the same child JSON that
// `child(id) { CHILD_SECTIONS }` returns, from ONE prepared statement on plain `pg`, served two
// ways:
// - the floor: `node:http`, no GraphQL, no auth, no policy, no audit;
// - the plain Apollo baseline: Apollo Server 5 over `node:http` with a small schema of the same
//   shape and one resolver calling the same statement (what GraphQL costs by itself).
// Measured, each runs in its own process like the hub (startViewServer, view-floor-main.ts);
// startViewFloor and startApolloBaseline build them in whichever process calls them.
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { ApolloServer } from "@apollo/server";
import { attendancePattern, schoolFlags } from "#child-view/derived.ts";
import { startServerProcess } from "./server-process.ts";

const CHILD_STATEMENT = {
  name: "bench-view-floor-child",
  text: `
  SELECT json_build_object(
    'person', (SELECT row_to_json(p) FROM "Person" p WHERE p.id = k.id),
    'identifiers', (SELECT coalesce(json_agg(x ORDER BY x."createdAt", x.id), '[]') FROM "PersonIdentifier" x WHERE x."personId" = k.id),
    'cpis', (SELECT coalesce(json_agg(x ORDER BY x."startDate" DESC), '[]') FROM "CpisPlan" x WHERE x."personId" = k.id),
    'police', (SELECT coalesce(json_agg(x ORDER BY x."occurredAt" DESC, x.id), '[]') FROM "PoliceNotification" x WHERE x."personId" = k.id),
    'ed', (SELECT coalesce(json_agg(x ORDER BY x."arrivedAt" DESC, x.id), '[]') FROM "EdAttendance" x WHERE x."personId" = k.id),
    'school', (SELECT coalesce(json_agg(x ORDER BY x."periodEnd" DESC), '[]') FROM "SchoolAttendance" x WHERE x."personId" = k.id),
    'earlyHelp', (SELECT coalesce(json_agg(x ORDER BY x."openedAt" DESC), '[]') FROM "EarlyHelpEpisode" x WHERE x."personId" = k.id),
    'household', (SELECT coalesce(json_agg(h ORDER BY h.relationship, h."personId"), '[]') FROM (
        SELECT DISTINCT ON (m."personId") m."personId", m.relationship, p."givenName", p."familyName", p."dateOfBirth"
          FROM "HouseholdMember" own JOIN "HouseholdMember" m ON m."householdId" = own."householdId"
          JOIN "Person" p ON p.id = m."personId"
         WHERE own."personId" = k.id AND m."personId" <> k.id AND p.status <> 'MERGED') h),
    'rag', (SELECT row_to_json(a) FROM (
        SELECT coalesce(n.rag, r.rag) AS rag, n.rag IS NOT NULL AS screened, r.reasons, r."assessedAt"
          FROM "RagAssessment" r LEFT JOIN "MashNotification" n ON n."triggeringEventId" = r."eventId" AND n."personId" = r."personId" AND n.rag IS NOT NULL
         WHERE r."personId" = k.id ORDER BY r."assessedAt" DESC, r.id DESC LIMIT 1) a),
    'pushed', (SELECT coalesce(json_object_agg(s.source, s.at), '{}') FROM (
        SELECT source::text AS source, max("receivedAt") AS at FROM "InboundEvent" WHERE "personId" = k.id GROUP BY source) s)
  ) AS child
  FROM (SELECT $1::uuid AS id) k`,
};

type Row = Record<string, unknown>;
const IDENTIFIER_AGENCY: Record<string, string> = { NHS_NUMBER: "HEALTH", UPN: "EDUCATION" };
const AGENCIES = ["CPIS", "POLICE", "HEALTH", "EDUCATION", "EARLY_HELP"] as const;
const date = (v: unknown) => (typeof v === "string" ? v.slice(0, 10) : null);
const iso = (v: unknown) => (typeof v === "string" ? new Date(v).toISOString() : null);

/** The child as `child(id) { CHILD_SECTIONS }` answers it for a MASH screener without consent. */
function shapeChild(c: Record<string, Row[] & Row>): Row | null {
  const p = c["person"] as Row | null;
  if (!p) return null;
  const identifiers = (c["identifiers"] as Row[]).flatMap((i) => {
    const agency = (i["agency"] as string | null) ?? IDENTIFIER_AGENCY[i["kind"] as string];
    return agency ? [{ agency, kind: i["kind"], value: i["value"] }] : [];
  });
  const nhs = identifiers.find((i) => i.kind === "NHS_NUMBER")?.value ?? null;
  const upn = identifiers.find((i) => i.kind === "UPN")?.value ?? null;
  const ed = c["ed"] as Row[];
  const pattern = attendancePattern(
    ed.map((a) => ({
      arrivedAt: new Date(a["arrivedAt"] as string),
      injury: a["injury"] as boolean,
      safeguardingConcern: a["safeguardingConcern"] as boolean,
    })),
    new Date(),
  );
  const plan =
    (c["cpis"] as Row[]).find((x) => x["status"] === "ACTIVE") ?? (c["cpis"] as Row[])[0];
  const school = (c["school"] as Row[])[0];
  const eh = (c["earlyHelp"] as Row[])[0];
  const rag = c["rag"] as Row | null;
  const pushed = c["pushed"] as unknown as Record<string, string>;
  return {
    id: p["id"],
    nhsNumber: nhs,
    upn,
    givenName: p["givenName"],
    familyName: p["familyName"],
    dateOfBirth: date(p["dateOfBirth"]),
    postcode: p["postcode"],
    household: (c["household"] as Row[]).map((m) => ({
      personId: m["personId"],
      givenName: m["givenName"],
      familyName: m["familyName"],
      relationship: m["relationship"],
    })),
    agencyIdentifiers: identifiers,
    cpis: plan
      ? {
          planType: plan["planType"],
          status: plan["status"],
          startDate: date(plan["startDate"]),
          endDate: date(plan["endDate"]),
          responsibleOrganisation: plan["organisationName"],
        }
      : null,
    policeNotifications: (c["police"] as Row[]).map((n) => ({
      id: n["id"],
      category: n["category"],
      riskLevel: n["riskLevel"],
      childPresent: n["childPresent"],
      occurredAt: iso(n["occurredAt"]),
    })),
    hospitalAttendances: ed.map((a) => ({
      id: a["id"],
      arrivedAt: iso(a["arrivedAt"]),
      injury: a["injury"],
      safeguardingConcern: a["safeguardingConcern"],
    })),
    attendancePattern: {
      attendancesLast12Months: pattern.attendancesLast12Months,
      injuryAttendancesLast12Months: pattern.injuryAttendancesLast12Months,
      lastSixAttendancesConcern: pattern.lastSixAttendancesConcern,
      reasons: pattern.reasons,
    },
    schoolAttendance: school
      ? {
          periodStart: date(school["periodStart"]),
          periodEnd: date(school["periodEnd"]),
          ...schoolFlags({
            possibleSessions: school["possibleSessions"] as number,
            attendedSessions: school["attendedSessions"] as number,
          }),
          missingEducation: school["missingEducation"],
          permanentlyExcluded: school["permanentlyExcluded"],
        }
      : null,
    earlyHelp: eh
      ? { episodeId: eh["episodeId"], status: eh["status"], openedAt: iso(eh["openedAt"]) }
      : null,
    rag: rag
      ? {
          rag: rag["rag"],
          screened: rag["screened"],
          reasons: ((rag["reasons"] as Row[] | null) ?? []).map((r) => ({ ruleId: r["ruleId"] })),
        }
      : null,
    sources: AGENCIES.map((agency) => ({
      agency,
      ok: true,
      asOf: pushed[agency] ?? null,
      error: null,
    })),
  };
}

export interface ViewServer {
  url: string;
  stop(): Promise<void>;
}

export interface ViewServerProcess extends ViewServer {
  pid: number;
}

/**
 * The floor or the Apollo baseline in its own process (view-floor-main.ts), with the hub's
 * NODE_ENV (production: graphql-js without its development checks, for Apollo as for the hub).
 */
export async function startViewServer(
  kind: "floor" | "apollo",
  databaseUrl: string,
): Promise<ViewServerProcess> {
  const child = startServerProcess(
    kind,
    "tools/bench/support/view-floor-main.ts",
    [kind, databaseUrl],
    { NODE_ENV: "production" },
  );
  try {
    const [, url] = await child.line(/^listening (\S+)$/, 60_000);
    return { url: url!, pid: child.pid, stop: () => child.stop() };
  } catch (error) {
    await child.stop(5_000);
    throw error;
  }
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function loadChild(pool: pg.Pool, id: string): Promise<Row | null> {
  return pool
    .query<{ child: Record<string, Row[] & Row> }>({ ...CHILD_STATEMENT, values: [id] })
    .then((r) => shapeChild(r.rows[0]!.child));
}

/** node:http + one prepared statement: POST {"variables":{"id":…}} → {"data":{"child":…}}. */
export async function startViewFloor(databaseUrl: string, poolSize = 10): Promise<ViewServer> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        variables: { id: string };
      };
      loadChild(pool, body.variables.id).then(
        (child) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ data: { child } }));
        },
        () => {
          res.writeHead(500).end();
        },
      );
    });
  });
  const url = await listen(server);
  return {
    url,
    async stop() {
      await new Promise((r) => server.close(r));
      await pool.end();
    },
  };
}

const BASELINE_SDL = /* GraphQL */ `
  type Query {
    child(id: ID!): Child
  }
  type Child {
    id: ID!
    nhsNumber: String
    upn: String
    givenName: String
    familyName: String
    dateOfBirth: String
    postcode: String
    household: [HouseholdMember!]!
    agencyIdentifiers: [AgencyIdentifier!]!
    cpis: CpisStatus
    policeNotifications: [PoliceNotification!]!
    hospitalAttendances: [HospitalAttendance!]!
    attendancePattern: AttendancePattern!
    schoolAttendance: SchoolAttendance
    earlyHelp: EarlyHelpEpisode
    rag: RagAssessment
    sources: [SourceStatus!]!
  }
  type HouseholdMember {
    personId: ID!
    givenName: String
    familyName: String
    relationship: String!
  }
  type AgencyIdentifier {
    agency: String!
    kind: String!
    value: String!
  }
  type CpisStatus {
    planType: String!
    status: String!
    startDate: String!
    endDate: String
    responsibleOrganisation: String!
  }
  type PoliceNotification {
    id: ID!
    category: String!
    riskLevel: String!
    childPresent: Boolean!
    occurredAt: String!
  }
  type HospitalAttendance {
    id: ID!
    arrivedAt: String!
    injury: Boolean!
    safeguardingConcern: Boolean!
  }
  type AttendancePattern {
    attendancesLast12Months: Int!
    injuryAttendancesLast12Months: Int!
    lastSixAttendancesConcern: Boolean!
    reasons: [String!]!
  }
  type SchoolAttendance {
    periodStart: String!
    periodEnd: String!
    attendanceRate: Float!
    persistentAbsence: Boolean!
    severeAbsence: Boolean!
    missingEducation: Boolean!
    permanentlyExcluded: Boolean!
  }
  type EarlyHelpEpisode {
    episodeId: String!
    status: String!
    openedAt: String!
  }
  type RagAssessment {
    rag: String!
    screened: Boolean!
    reasons: [RagReason!]!
  }
  type RagReason {
    ruleId: String!
  }
  type SourceStatus {
    agency: String!
    ok: Boolean!
    asOf: String
    error: String
  }
`;

/** Apollo Server 5 with the same shape, one resolver on the same statement, no auth or policy. */
export async function startApolloBaseline(databaseUrl: string, poolSize = 10): Promise<ViewServer> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  const apollo = new ApolloServer({
    typeDefs: BASELINE_SDL,
    resolvers: { Query: { child: (_: unknown, args: { id: string }) => loadChild(pool, args.id) } },
    // compact JSON, as the hub answers (decision 68): the baseline differs from it in nothing else
    stringifyResult: (result) => JSON.stringify(result),
  });
  await apollo.start();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = new Map<string, string>();
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === "string") headers.set(k, v);
      apollo
        .executeHTTPGraphQLRequest({
          httpGraphQLRequest: {
            method: req.method ?? "POST",
            headers: headers as never,
            search: "",
            body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
          },
          context: async () => ({}),
        })
        .then(async (r) => {
          res.writeHead(r.status ?? 200, Object.fromEntries(r.headers));
          if (r.body.kind === "complete") res.end(r.body.string);
          else {
            for await (const chunk of r.body.asyncIterator) res.write(chunk);
            res.end();
          }
        })
        .catch(() => res.writeHead(500).end());
    });
  });
  const url = await listen(server);
  return {
    url,
    async stop() {
      await new Promise((r) => server.close(r));
      await apollo.stop();
      await pool.end();
    },
  };
}
