// POST /graphql is answered before express (server/graphql-http.ts). What a client sends wrong
// still gets a GraphQL-shaped refusal with its HTTP status, and nothing runs: a body over the
// limit (413), a body that is not JSON (400), no token (401). Other forms of /graphql (GET, a
// text/plain body) still reach Apollo through express and are refused as before.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTestHub, type TestHub } from "../../support/hub.ts";

const LIMIT = 2_000;

describe("the GraphQL door", () => {
  let t: TestHub;
  let token: string;
  beforeAll(async () => {
    t = await startTestHub({ env: { MAX_REQUEST_BYTES: String(LIMIT) } });
    token = await t.token({ sub: "door-screener", role: "MASH_SCREENER" });
  });
  afterAll(async () => t?.stop());

  const post = (body: string, headers: Record<string, string> = {}, path = "/graphql") =>
    fetch(`${t.url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        ...headers,
      },
      body,
    });
  const codeOf = async (res: Response) =>
    ((await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]
      ?.extensions?.code;

  it("answers a query with the security headers, with or without a query string or charset", async () => {
    for (const [path, type] of [
      ["/graphql", "application/json"],
      ["/graphql?from=console", "application/json; charset=utf-8"],
    ] as const) {
      const res = await post(
        JSON.stringify({ query: "{ ragRules { id } }" }),
        { "content-type": type },
        path,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const body = (await res.json()) as { data?: { ragRules: unknown[] } };
      expect(body.data?.ragRules.length).toBeGreaterThan(0);
    }
  });

  it("refuses a body over MAX_REQUEST_BYTES with 413, by its length or as it is read", async () => {
    const big = JSON.stringify({ query: `{ ragRules { id } } # ${"x".repeat(LIMIT)}` });
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(await codeOf(declared)).toBe("BAD_REQUEST");
    // sent in chunks, without a Content-Length
    const streamed = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it("refuses a body that is not a JSON object with 400", async () => {
    for (const body of ["{ not json", '"a string"', "42"]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(await codeOf(res)).toBe("BAD_REQUEST");
    }
  });

  it("refuses a caller without a token with 401 before parsing the query", async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ ragRules { id } }" }),
    });
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe("UNAUTHENTICATED");
  });

  it("leaves a text/plain body to express and Apollo's CSRF prevention, which refuse it", async () => {
    const res = await post(JSON.stringify({ query: "{ ragRules { id } }" }), {
      "content-type": "text/plain",
    });
    expect(res.status).toBe(400);
  });
});
