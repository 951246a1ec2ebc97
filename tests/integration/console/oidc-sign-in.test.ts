// Production sign-in: the console does OpenID Connect (authorization code with PKCE) in the
// browser against a real OpenID provider (oidc-provider, run here), and the hub accepts the
// provider's access token (RS256, checked against the provider's JWKS, issuer and audience).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";
import type { Browser } from "playwright-core";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import {
  launchChromium,
  newWindow,
  screenshot,
  seriousAxeViolations,
} from "../../support/browser.ts";

const AUDIENCE = "urn:mash-hub:graphql";
const CLIENT_ID = "mash-console";

describe("signing in to the console with OpenID Connect", () => {
  let t: TestHub;
  let idp: http.Server;
  let browser: Browser;

  beforeAll(async () => {
    // the provider's address first (the hub must know its issuer), then the hub, then the provider
    // itself (it must know the console's redirect address)
    let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
    idp = http.createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
    const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    t = await startTestHub({
      env: {
        AUTH_JWKS_URL: `${issuer}/jwks`,
        AUTH_ISSUER: issuer,
        AUTH_AUDIENCE: AUDIENCE,
        CONSOLE_OIDC_CLIENT_ID: CLIENT_ID,
        CONSOLE_OIDC_SCOPE: "openid profile mash",
      },
    });
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const key = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
    // the provider says (rightly) that its in-memory store and login pages are for development
    const quiet = { info: console.info, warn: console.warn };
    console.info = console.warn = () => undefined;
    const provider = new Provider(issuer, {
      ttl: {
        AccessToken: 3600,
        AuthorizationCode: 60,
        Grant: 3600,
        IdToken: 3600,
        Interaction: 600,
        Session: 3600,
      },
      clients: [
        {
          client_id: CLIENT_ID,
          token_endpoint_auth_method: "none",
          redirect_uris: [`${t.url}/console/callback`],
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      jwks: { keys: [key] },
      cookies: { keys: ["a-cookie-signing-key-for-the-test-provider"] },
      pkce: { required: () => true },
      clientBasedCORS: (_ctx, origin) => origin === new URL(t.url).origin,
      findAccount: async (_ctx, id) => ({
        accountId: id,
        claims: async () => ({ sub: id, name: "Olive Oidc" }),
      }),
      extraTokenClaims: async (_ctx, token) =>
        token.kind === "AccessToken" ? { role: "MASH_SCREENER", name: "Olive Oidc" } : undefined,
      features: {
        devInteractions: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => AUDIENCE,
          useGrantedResource: () => true,
          getResourceServerInfo: () => ({
            scope: "mash",
            audience: AUDIENCE,
            accessTokenTTL: 3600,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: "RS256" } },
          }),
        },
      },
    });
    Object.assign(console, quiet);
    handler = provider.callback();
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await new Promise((r) => idp?.close(r));
  });

  it("tells the console to use the provider, and lets the browser reach only it besides the hub", async () => {
    const settings = (await (await fetch(`${t.url}/console/config.json`)).json()) as {
      auth: { mode: string; clientId: string };
    };
    expect(settings.auth).toMatchObject({ mode: "oidc", clientId: CLIENT_ID });
    const csp = (await fetch(`${t.url}/console/`)).headers.get("content-security-policy");
    expect(csp).toContain(`connect-src 'self' ${new URL(t.env["AUTH_ISSUER"]!).origin}`);
  });

  it("signs in with authorization code and PKCE, and the hub accepts the provider's token", async () => {
    const { page, problems, context } = await newWindow(browser, "laptop", t.url);
    await page.goto(`${t.url}/console/queue`);
    expect(await page.getByLabel("Development token").count()).toBe(0);
    await screenshot(page, "30-oidc-sign-in");
    expect(await seriousAxeViolations(page)).toEqual([]);

    const authorizeRequest = page.waitForRequest((r) => r.url().includes("/auth?"));
    await page.getByRole("button", { name: "Sign in with your organisation" }).click();
    const authorize = new URL((await authorizeRequest).url());
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get("resource")).toBe(AUDIENCE);

    // the provider's own login and consent pages
    await page.locator("input[name=login]").fill("olive-1");
    await page.locator("input[name=password]").fill("any password");
    await page.locator("button[type=submit]").click();
    await page.locator("button[type=submit]", { hasText: /continue/i }).click();

    // back on the console, signed in, on the screen asked for at first
    await page.getByRole("heading", { name: "Queue" }).waitFor();
    expect(await page.getByText("Signed in as").innerText()).toContain("Olive Oidc");
    expect(new URL(page.url()).pathname).toBe("/console/queue");
    await page.getByText(/contacts?, most urgent first/).waitFor();
    await screenshot(page, "31-oidc-signed-in");
    expect(problems).toEqual([]);
    await context.close();
  });
});
