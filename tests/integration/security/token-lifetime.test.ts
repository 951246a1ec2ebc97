// Finding 12: a token issued in the future, and one valid for ten years, were accepted. Now a
// token's iat may be at most AUTH_CLOCK_SKEW_SECONDS ahead and it may live at most
// AUTH_MAX_TOKEN_LIFETIME_HOURS (24 by default).
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTestHub, TEST_JWT_SECRET, type TestHub } from "../../support/hub.ts";

const now = () => Math.floor(Date.now() / 1000);
const HOUR = 3600;

function sign(times: { iat?: number; exp: number }): Promise<string> {
  let jwt = new SignJWT({ role: "MASH_SCREENER" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("screener-1")
    .setExpirationTime(times.exp);
  if (times.iat !== undefined) jwt = jwt.setIssuedAt(times.iat);
  return jwt.sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

describe("token lifetimes", () => {
  let t: TestHub;
  const status = async (token: string) =>
    (
      await fetch(`${t.url}/graphql`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ query: "{ ragRules { id } }" }),
      })
    ).status;

  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t?.stop());

  it("refuses a token issued an hour from now", async () => {
    expect(await status(await sign({ iat: now() + HOUR, exp: now() + 2 * HOUR }))).toBe(401);
  });

  it("refuses a token valid for ten years, with or without iat", async () => {
    const tenYears = now() + 10 * 365 * 24 * HOUR;
    expect(await status(await sign({ iat: now(), exp: tenYears }))).toBe(401);
    expect(await status(await sign({ exp: tenYears }))).toBe(401);
  });

  it("refuses a token meant to live 25 hours; accepts 8 hours, and an iat a few seconds ahead (clock skew)", async () => {
    expect(await status(await sign({ iat: now(), exp: now() + 25 * HOUR }))).toBe(401);
    expect(await status(await sign({ iat: now(), exp: now() + 8 * HOUR }))).toBe(200);
    expect(await status(await sign({ iat: now() + 20, exp: now() + HOUR }))).toBe(200);
  });
});
