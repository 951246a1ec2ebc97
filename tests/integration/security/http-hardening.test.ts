// Finding 13: no X-Content-Type-Options, X-Frame-Options/CSP or HSTS; /metrics open to anyone;
// Apollo's landing page served in production. Now every answer carries the headers (HSTS in
// production), /metrics needs METRICS_TOKEN (or, outside production, a caller on this
// machine), and production serves no landing page.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTestHub, type TestHub } from "../../support/hub.ts";

const METRICS_TOKEN = "metrics-token-for-the-hardening-test";

async function ping(t: TestHub) {
  return fetch(`${t.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
}

/** What a browser gets at /graphql (with a token: without one, every mode answers 401). */
const landingPage = async (t: TestHub) =>
  fetch(`${t.url}/graphql`, {
    headers: {
      accept: "text/html",
      authorization: `Bearer ${await t.token({ sub: "s1", role: "MASH_SCREENER" })}`,
    },
  });

describe("HTTP hardening in development", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { NODE_ENV: "development" } });
  });
  afterAll(async () => t?.stop());

  it("every answer says nosniff, no framing, no caching; no HSTS over plain development HTTP", async () => {
    for (const res of [await ping(t), await fetch(`${t.url}/healthz`)]) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("/metrics answers a caller on this machine without a token", async () => {
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("mash_events_accepted_total");
  });

  it("the landing page is there for developers", async () => {
    const res = await landingPage(t);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
  });
});

describe("HTTP hardening in production", () => {
  let t: TestHub;
  let untokened: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { NODE_ENV: "production", METRICS_TOKEN } });
    untokened = await startTestHub({ env: { NODE_ENV: "production" } });
  });
  afterAll(async () => {
    await t?.stop();
    await untokened?.stop();
  });

  it("HSTS as well as the other headers", async () => {
    const res = await ping(t);
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("/metrics only with the METRICS_TOKEN bearer", async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${t.url}/metrics`, {
      headers: { authorization: "Bearer metrics-token-that-is-wrong-but-long" },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${t.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain("mash_events_accepted_total");
  });

  it("/metrics without METRICS_TOKEN configured is refused even on this machine", async () => {
    expect((await fetch(`${untokened.url}/metrics`)).status).toBe(403);
  });

  it("no landing page", async () => {
    const res = await landingPage(t);
    expect(res.headers.get("content-type") ?? "").not.toContain("text/html");
    expect(await res.text()).not.toMatch(/<html|<!doctype/i);
  });
});
