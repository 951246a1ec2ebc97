// Verified tokens are remembered until they expire, never longer, and never instead of checking
// a token's signature the first time it is seen.
import { describe, expect, it } from "@jest/globals";
import { createTokenVerifier } from "#auth/verify-token.ts";
import { createTokenCache } from "#auth/token-cache.ts";
import { signDevelopmentToken } from "#auth/sign-token.ts";
import type { Viewer } from "#auth/viewer.ts";

const SECRET = "token-cache-test-secret-of-at-least-32-bytes";
const settings = { jwtSecret: SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined };

function verifierAt(clock: { ms: number }) {
  return createTokenVerifier(settings, ["POLICE"], { now: () => clock.ms });
}

const screener = (expiresIn = "60s") =>
  signDevelopmentToken(SECRET, { sub: "screener-1", role: "MASH_SCREENER" }, { expiresIn });

describe("the verified-token cache", () => {
  it("refuses a token it accepted (and remembered) once the token has expired", async () => {
    const clock = { ms: Date.now() };
    const verify = verifierAt(clock);
    const token = await screener("60s");
    expect((await verify(`Bearer ${token}`)).sub).toBe("screener-1");
    expect((await verify(`Bearer ${token}`)).sub).toBe("screener-1");
    clock.ms += 61_000;
    await expect(verify(`Bearer ${token}`)).rejects.toThrow("The token is invalid or expired");
    // and it stays refused
    await expect(verify(`Bearer ${token}`)).rejects.toThrow("The token is invalid or expired");
  });

  it("checks the signature of a token it has not seen, even when the same claims are remembered", async () => {
    const verify = verifierAt({ ms: Date.now() });
    const token = await screener();
    await verify(`Bearer ${token}`);
    const [header, payload] = token.split(".");
    const forged = `${header}.${payload}.${"A".repeat(43)}`;
    await expect(verify(`Bearer ${forged}`)).rejects.toThrow("The token is invalid or expired");
    const otherKey = await signDevelopmentToken("another-secret-that-is-also-32-bytes-long", {
      sub: "screener-1",
      role: "MASH_SCREENER",
    });
    await expect(verify(`Bearer ${otherKey}`)).rejects.toThrow("The token is invalid or expired");
  });

  it("does not remember a refusal: a token refused stays refused, a good one after it is accepted", async () => {
    const verify = verifierAt({ ms: Date.now() });
    await expect(verify("Bearer not.a.token")).rejects.toThrow();
    await expect(verify("Bearer not.a.token")).rejects.toThrow();
    expect((await verify(`Bearer ${await screener()}`)).role).toBe("MASH_SCREENER");
  });

  it("gives each caller its own copy of the viewer", async () => {
    const verify = verifierAt({ ms: Date.now() });
    const token = await screener();
    const first = await verify(`Bearer ${token}`);
    first.sub = "changed-by-a-caller";
    expect((await verify(`Bearer ${token}`)).sub).toBe("screener-1");
  });
});

describe("createTokenCache", () => {
  const viewer = (sub: string): Viewer => ({
    sub,
    role: "MASH_SCREENER",
    name: undefined,
    email: undefined,
    agency: undefined,
  });

  it("holds at most its bound, dropping the least recently used", () => {
    const cache = createTokenCache(2);
    cache.set("a", viewer("a"), 1e12, 0);
    cache.set("b", viewer("b"), 1e12, 0);
    expect(cache.get("a", 1)?.sub).toBe("a"); // a is now the most recently used
    cache.set("c", viewer("c"), 1e12, 1);
    expect(cache.get("b", 2)).toBeUndefined();
    expect(cache.get("a", 2)?.sub).toBe("a");
    expect(cache.get("c", 2)?.sub).toBe("c");
  });

  it("keeps an entry until the token's expiry or its maximum age, whichever is first", () => {
    const cache = createTokenCache(10, 1_000);
    cache.set("short", viewer("short"), 500, 0);
    cache.set("long", viewer("long"), 1e12, 0);
    expect(cache.get("short", 499)?.sub).toBe("short");
    expect(cache.get("short", 500)).toBeUndefined();
    expect(cache.get("long", 999)?.sub).toBe("long");
    expect(cache.get("long", 1_000)).toBeUndefined();
  });

  it("remembers nothing when its bound is 0, or a token already expired", () => {
    const none = createTokenCache(0);
    none.set("a", viewer("a"), 1e12, 0);
    expect(none.get("a", 1)).toBeUndefined();
    const cache = createTokenCache(10);
    cache.set("old", viewer("old"), 100, 100);
    expect(cache.get("old", 50)).toBeUndefined();
  });
});
