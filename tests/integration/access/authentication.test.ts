// Bad tokens get HTTP 401, UNAUTHENTICATED and no data, on HTTP and on the WebSocket.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair, type JWK } from "jose";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { signDevelopmentToken } from "#auth/sign-token.ts";
import { startTestHub, TEST_JWT_SECRET, type TestHub } from "../../support/hub.ts";

const QUERY = "{ ragRules { id } }";

async function post(url: string, authorization: string | undefined) {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ query: QUERY }),
  });
  const body = (await res.json()) as {
    data?: unknown;
    errors?: Array<{ extensions?: { code?: string } }>;
  };
  return { status: res.status, body };
}

function expectRefused(r: Awaited<ReturnType<typeof post>>) {
  expect(r.status).toBe(401);
  expect(r.body.data).toBeUndefined();
  expect(r.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
}

describe("with the shared secret (HS256) and an audience", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { AUTH_AUDIENCE: "mash-hub", AUTH_ISSUER: "mash-idp" } });
  });
  afterAll(async () => t?.stop());

  const sign = (
    claims: Record<string, unknown>,
    opts: { exp?: string | number; aud?: string; iss?: string; secret?: string } = {},
  ) =>
    new SignJWT({ role: "MASH_SCREENER", ...claims })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("screener-1")
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? "1h")
      .setAudience(opts.aud ?? "mash-hub")
      .setIssuer(opts.iss ?? "mash-idp")
      .sign(new TextEncoder().encode(opts.secret ?? TEST_JWT_SECRET));

  it("a good token is answered", async () => {
    const r = await post(t.url, `Bearer ${await sign({})}`);
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
  });

  it("no token at all gets 401 and no data", async () => {
    expectRefused(await post(t.url, undefined));
  });

  it("an expired token gets 401 and no data", async () => {
    expectRefused(
      await post(t.url, `Bearer ${await sign({}, { exp: Math.floor(Date.now() / 1000) - 60 })}`),
    );
  });

  it("a token signed with another secret gets 401 and no data", async () => {
    const other = "another-secret-that-is-also-long-enough-for-hs256";
    expectRefused(await post(t.url, `Bearer ${await sign({}, { secret: other })}`));
  });

  it("a token for another audience gets 401 and no data", async () => {
    expectRefused(await post(t.url, `Bearer ${await sign({}, { aud: "some-other-api" })}`));
  });

  it("a token from another issuer gets 401 and no data", async () => {
    expectRefused(await post(t.url, `Bearer ${await sign({}, { iss: "someone-else" })}`));
  });

  it("a token with an unknown role gets 401 and no data", async () => {
    expectRefused(await post(t.url, `Bearer ${await sign({ role: "ADMIN" })}`));
  });

  it("an unsigned token (alg none) gets 401 and no data", async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${enc({ alg: "none", typ: "JWT" })}.${enc({ sub: "x", role: "MASH_MANAGER", exp: now + 600, aud: "mash-hub", iss: "mash-idp" })}.`;
    expectRefused(await post(t.url, `Bearer ${unsigned}`));
  });

  it("a token without the Bearer scheme or with garbage gets 401", async () => {
    expectRefused(await post(t.url, await sign({})));
    expectRefused(await post(t.url, "Bearer not.a.jwt"));
  });

  it("a WebSocket without a good token in connection_init is closed before any operation", async () => {
    const client = createClient({
      url: t.url.replace("http", "ws") + "/graphql",
      webSocketImpl: WebSocket,
      connectionParams: { authorization: "Bearer nonsense" },
      retryAttempts: 0,
      lazy: false,
    });
    const outcome = await new Promise<string>((resolve) => {
      client.on("closed", (e) => resolve(String((e as { code?: number }).code)));
      client.subscribe(
        { query: QUERY },
        { next: () => resolve("data"), error: () => undefined, complete: () => undefined },
      );
    });
    await client.dispose();
    expect(outcome).toBe("4403");
  });
});

describe("with a JWKS (RS256)", () => {
  let t: TestHub;
  let jwks: http.Server;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
  let publicJwk: JWK;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256", { extractable: true });
    privateKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    jwks = http.createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    const port = (jwks.address() as AddressInfo).port;
    t = await startTestHub({
      env: { AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json` },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  it("an RS256 token signed with the published key is answered", async () => {
    const token = await new SignJWT({ role: "MASH_SCREENER" })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setSubject("screener-1")
      .setExpirationTime("1h")
      .sign(privateKey);
    const r = await post(t.url, `Bearer ${token}`);
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
  });

  it("an HS256 token signed with the RSA public key as its secret gets 401", async () => {
    const publicKeyBytes = new TextEncoder().encode(JSON.stringify(publicJwk));
    const forged = await new SignJWT({ role: "MASH_MANAGER" })
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .setSubject("attacker")
      .setExpirationTime("1h")
      .sign(publicKeyBytes);
    expectRefused(await post(t.url, `Bearer ${forged}`));
    const n = Buffer.from(publicJwk.n ?? "", "base64url");
    const forged2 = await new SignJWT({ role: "MASH_MANAGER" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("attacker")
      .setExpirationTime("1h")
      .sign(n);
    expectRefused(await post(t.url, `Bearer ${forged2}`));
  });

  it("a token signed with the shared secret is not accepted once a JWKS is configured", async () => {
    const dev = await signDevelopmentToken(TEST_JWT_SECRET, { sub: "x", role: "MASH_MANAGER" });
    expectRefused(await post(t.url, `Bearer ${dev}`));
  });
});
