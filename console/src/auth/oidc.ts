// OpenID Connect sign-in done in the browser: authorization code with PKCE (S256) against the
// hub's AUTH_ISSUER, as a public client (no secret). The access token (for the hub's audience,
// AUTH_AUDIENCE, sent as the `resource` indicator) is the bearer token for /graphql.
export interface OidcSettings {
  mode: "oidc";
  issuer: string;
  clientId: string;
  scope: string;
  audience: string | null;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

const PENDING = "mash-console-oidc-pending";
export const CALLBACK_PATH = "/console/callback";

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomString(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

async function discover(issuer: string): Promise<Discovery> {
  const url = `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
  const res = await fetch(url, { credentials: "omit" });
  if (!res.ok) throw new Error(`The identity provider did not answer (${res.status}).`);
  const d = (await res.json()) as Discovery;
  if (d.issuer.replace(/\/+$/, "") !== issuer.replace(/\/+$/, "")) {
    throw new Error("The identity provider names a different issuer.");
  }
  return d;
}

const redirectUri = () => `${location.origin}${CALLBACK_PATH}`;

/** Sends the browser to the identity provider. */
export async function startSignIn(settings: OidcSettings, returnTo: string): Promise<void> {
  const d = await discover(settings.issuer);
  const verifier = randomString();
  const state = randomString();
  const nonce = randomString();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce, returnTo }));
  const url = new URL(d.authorization_endpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", settings.clientId);
  url.searchParams.set("redirect_uri", redirectUri());
  url.searchParams.set("scope", settings.scope);
  url.searchParams.set("state", state);
  url.searchParams.set("nonce", nonce);
  url.searchParams.set("code_challenge", await challengeOf(verifier));
  url.searchParams.set("code_challenge_method", "S256");
  if (settings.audience) url.searchParams.set("resource", settings.audience);
  location.assign(url.toString());
}

/** On /console/callback: exchanges the code for tokens. Returns the access token and where to go. */
export async function completeSignIn(
  settings: OidcSettings,
): Promise<{ accessToken: string; returnTo: string }> {
  const params = new URLSearchParams(location.search);
  const pendingRaw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  const error = params.get("error");
  if (error)
    throw new Error(`Sign-in was not completed: ${params.get("error_description") ?? error}`);
  if (!pendingRaw) throw new Error("No sign-in was under way in this tab: start again.");
  const pending = JSON.parse(pendingRaw) as {
    verifier: string;
    state: string;
    nonce: string;
    returnTo: string;
  };
  if (params.get("state") !== pending.state)
    throw new Error("The sign-in answer did not match: start again.");
  const code = params.get("code");
  if (!code) throw new Error("The identity provider sent no code.");
  const d = await discover(settings.issuer);
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: redirectUri(),
    client_id: settings.clientId,
    code_verifier: pending.verifier,
  });
  if (settings.audience) body.set("resource", settings.audience);
  const res = await fetch(d.token_endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
    credentials: "omit",
  });
  const tokens = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    id_token?: string;
    error?: string;
    error_description?: string;
  };
  if (!res.ok || !tokens.access_token) {
    throw new Error(
      `The identity provider refused the sign-in: ${tokens.error_description ?? tokens.error ?? res.status}`,
    );
  }
  if (tokens.id_token) {
    const idClaims = JSON.parse(
      new TextDecoder().decode(
        Uint8Array.from(
          atob((tokens.id_token.split(".")[1] ?? "").replace(/-/g, "+").replace(/_/g, "/")),
          (c) => c.charCodeAt(0),
        ),
      ),
    ) as { nonce?: string; aud?: string | string[] };
    const aud = Array.isArray(idClaims.aud) ? idClaims.aud : [idClaims.aud];
    if (idClaims.nonce !== pending.nonce || !aud.includes(settings.clientId)) {
      throw new Error("The identity provider's answer was not for this sign-in: start again.");
    }
  }
  return { accessToken: tokens.access_token, returnTo: pending.returnTo };
}
