// Every transport is hardened alike (access.md, version 2). In production, over graphql-ws as
// over HTTP: no introspection, no "Did you mean …" suggestions, unexpected errors masked and
// every error carrying extensions.code, the same largest message (1 MB), and the same depth and
// cost limits, variables' default values included.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "#db/client.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { createChild, createNotification } from "./fixtures.ts";
import { openLive, type LiveResult } from "./live.ts";

const COSTLY_SELECTION = `edges { id child { policeNotifications { summary officer }
  hospitalAttendances { site chiefComplaint } household { personId givenName } } }`;

describe("GraphQL over WebSocket in production", () => {
  let t: TestHub;
  let db: Db;
  let screener: string;
  let childId: string;

  beforeAll(async () => {
    t = await startTestHub({ env: { NODE_ENV: "production" } });
    db = createDb(t.db.url, 2);
    screener = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
    childId = await createChild(db, { consent: "none", related: false, tag: "ws" });
    await createNotification(db, childId);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.stop();
  });

  /** One operation over a fresh socket: its first result (or error), or how the socket closed. */
  const overWebSocket = async (
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ result: LiveResult | undefined; closedWith: number | undefined }> => {
    const live = await openLive(t.url, screener, query, variables);
    const deadline = Date.now() + 20_000;
    while (live.results.length === 0 && live.closedWith === undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
    }
    const outcome = { result: live.results[0], closedWith: live.closedWith };
    await live.close();
    return outcome;
  };

  it("refuses introspection, as HTTP does", async () => {
    const query = "{ __schema { queryType { name } } }";
    const { result } = await overWebSocket(query);
    expect(result?.data ?? null).toBeNull();
    expect(result?.errors?.[0]?.extensions?.["code"]).toBe("GRAPHQL_VALIDATION_FAILED");
    const http = await t.gql(screener, query);
    expect(http.errors?.[0]?.extensions?.["code"]).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("gives no field suggestions, as HTTP does", async () => {
    const query = "{ ragRule { id } }";
    const { result } = await overWebSocket(query);
    expect(result?.errors?.[0]?.message).toBe('Cannot query field "ragRule" on type "Query".');
    expect(result?.errors?.[0]?.extensions?.["code"]).toBe("GRAPHQL_VALIDATION_FAILED");
    const http = await t.gql(screener, query);
    expect(http.errors?.[0]?.message).toBe(result?.errors?.[0]?.message);
  });

  it("gives every error its extensions.code (a withheld field over WebSocket)", async () => {
    const { result } = await overWebSocket(
      "query ($id: ID!) { child(id: $id) { policeNotifications { summary } } }",
      { id: childId },
    );
    expect(result?.errors).toEqual([
      expect.objectContaining({
        path: ["child", "policeNotifications", 0, "summary"],
        extensions: { code: "WITHHELD", category: "POLICE_DETAIL", reason: "NO_CONSENT" },
      }),
    ]);
  });

  it("masks an unexpected error: no database text, a code", async () => {
    const su = new pg.Client({ connectionString: t.db.url });
    await su.connect();
    await su.query(`ALTER TABLE "MashNotification" RENAME TO "MashNotification_away"`);
    try {
      const { result } = await overWebSocket("{ notifications { edges { id } } }");
      expect(result?.errors).toEqual([
        expect.objectContaining({
          message: "Unexpected error.",
          extensions: { code: "INTERNAL_SERVER_ERROR" },
        }),
      ]);
      expect(JSON.stringify(result)).not.toMatch(/MashNotification|relation|prisma/i);
    } finally {
      await su.query(`ALTER TABLE "MashNotification_away" RENAME TO "MashNotification"`);
      await su.end();
    }
  });

  it("refuses a message larger than HTTP's 1 MB limit by closing the socket (1009)", async () => {
    // variables the operation does not declare are ignored, so only the message's size differs
    const { result, closedWith } = await overWebSocket("{ ragRules { id } }", {
      pad: "x".repeat(1_500_000),
    });
    expect(result).toBeUndefined();
    expect(closedWith).toBe(1009);
    // the same operation within the limit is answered
    const small = await overWebSocket("{ ragRules { id } }", { pad: "x".repeat(500_000) });
    expect(small.result?.errors).toBeUndefined();
  });

  it("applies the depth limit, as HTTP does", async () => {
    let sel = "id";
    for (let i = 0; i < 6; i++) sel = `notifications { child { ${sel} } }`;
    const query = `{ child(id: "00000000-0000-4000-8000-000000000000") { ${sel} } }`;
    const { result } = await overWebSocket(query);
    expect(result?.errors?.[0]?.extensions?.["code"]).toBe("QUERY_TOO_COMPLEX");
    expect(result?.errors?.[0]?.message).toMatch(/deeper than the limit of 10/);
  });

  it("counts a variable's default value in the cost limit, over HTTP and WebSocket alike", async () => {
    const literal = `{ notifications(first: 200) { ${COSTLY_SELECTION} } }`;
    const byDefault = `query ($n: Int = 200) { notifications(first: $n) { ${COSTLY_SELECTION} } }`;
    const smallDefault = `query ($n: Int = 20) { notifications(first: $n) { ${COSTLY_SELECTION} } }`;
    const refusal = {
      status: 400,
      code: "QUERY_TOO_COMPLEX",
      message: "Query too complex: an estimated cost above the limit of 10000",
    };
    for (const query of [literal, byDefault]) {
      const http = await t.gql(screener, query);
      expect({
        status: http.status,
        code: http.errors?.[0]?.extensions?.["code"],
        message: http.errors?.[0]?.message,
      }).toEqual(refusal);
      const { result } = await overWebSocket(query);
      expect(result?.errors?.[0]?.message).toBe(refusal.message);
      expect(result?.errors?.[0]?.extensions?.["code"]).toBe(refusal.code);
    }
    const within = await t.gql(screener, smallDefault);
    expect(within.status).toBe(200);
    expect((await overWebSocket(smallDefault)).result?.data).toBeDefined();
  });
});
