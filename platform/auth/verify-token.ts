// Bearer-token verification with jose. The accepted algorithms are pinned per key type: HS256
// for the shared secret, RS256/ES256 for keys from the JWKS. `alg: none` and an HS256 token
// signed with a public key are refused by construction. A token verified once is remembered until
// its `exp` (token-cache.ts): its signature is checked the first time it is seen.
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import type { Config } from "#config/index.ts";
import { unauthenticated } from "#errors/domain-error.ts";
import { Role, type AgencyName, type Viewer } from "./viewer.ts";
import { createTokenCache } from "./token-cache.ts";

const claimsSchema = (agencies: readonly AgencyName[]) =>
  z.object({
    sub: z.string().min(1),
    exp: z.number(),
    iat: z.number().optional(),
    role: Role,
    name: z.string().optional(),
    email: z.string().optional(),
    agency: z.enum(agencies).optional(),
  });

export type TokenVerifier = (authorization: string | undefined) => Promise<Viewer>;

/** The verifier's part of the configuration; lifetimes default to 24 hours and 60 s of skew. */
export type VerifierSettings = Pick<
  Config["auth"],
  "jwtSecret" | "jwksUrl" | "issuer" | "audience"
> &
  Partial<Pick<Config["auth"], "maxLifetimeSeconds" | "clockSkewSeconds">>;

export interface VerifierOptions {
  /** The clock, in milliseconds (tests move it). */
  now?: () => number;
  /** How many verified tokens are remembered (0: none). */
  cacheEntries?: number;
}

/** `agencies`: the values an `agency` claim may take (the connectors' registry). */
export function createTokenVerifier(
  settings: VerifierSettings,
  agencies: readonly AgencyName[],
  verifierOptions: VerifierOptions = {},
): TokenVerifier {
  const now = verifierOptions.now ?? Date.now;
  const cache = createTokenCache(verifierOptions.cacheEntries);
  const auth = {
    ...settings,
    maxLifetimeSeconds: settings.maxLifetimeSeconds ?? 86_400,
    clockSkewSeconds: settings.clockSkewSeconds ?? 60,
  };
  const claimsOf = claimsSchema(agencies);
  const secret = auth.jwtSecret ? new TextEncoder().encode(auth.jwtSecret) : undefined;
  const jwks: JWTVerifyGetKey | undefined = auth.jwksUrl
    ? createRemoteJWKSet(new URL(auth.jwksUrl), { timeoutDuration: 2000 })
    : undefined;
  const options = {
    ...(auth.issuer ? { issuer: auth.issuer } : {}),
    ...(auth.audience ? { audience: auth.audience } : {}),
    requiredClaims: ["exp", "sub"],
  };

  return async (authorization) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
    if (!match?.[1]) throw unauthenticated("A bearer token is required");
    const token = match[1];
    const cached = cache.get(token, now());
    if (cached) return cached;
    const at = now();
    const currentDate = new Date(at);
    let payload: JWTPayload | undefined;
    try {
      if (jwks) {
        ({ payload } = await jwtVerify(token, jwks, {
          ...options,
          currentDate,
          algorithms: ["RS256", "ES256"],
        }));
      } else if (secret) {
        ({ payload } = await jwtVerify(token, secret, {
          ...options,
          currentDate,
          algorithms: ["HS256"],
        }));
      }
    } catch {
      throw unauthenticated("The token is invalid or expired");
    }
    if (!payload) throw unauthenticated("No token verifier is configured");
    const claims = claimsOf.safeParse(payload);
    if (!claims.success) throw unauthenticated("The token's claims are not acceptable");
    const c = claims.data;
    const lifetime = lifetimeProblem(c, auth, at / 1000);
    if (lifetime) throw unauthenticated(lifetime);
    if (c.role === "AGENCY_SYSTEM" && !c.agency) {
      throw unauthenticated("An AGENCY_SYSTEM token must name its agency");
    }
    const viewer: Viewer = {
      sub: c.sub,
      role: c.role,
      name: c.name,
      email: c.email,
      agency: c.agency,
      expiresAt: new Date(c.exp * 1000),
    };
    cache.set(token, viewer, c.exp * 1000, at);
    return viewer;
  };
}

/**
 * A token issued in the future (beyond the clock skew allowed) or meant to live longer than
 * the configured lifetime is refused, whatever its signature: a stolen long-lived token would
 * otherwise outlive any revocation.
 */
export function lifetimeProblem(
  claims: { exp: number; iat?: number | undefined },
  auth: Pick<Config["auth"], "maxLifetimeSeconds" | "clockSkewSeconds">,
  nowSeconds: number,
): string | undefined {
  const skew = auth.clockSkewSeconds;
  if (claims.iat !== undefined && claims.iat > nowSeconds + skew) {
    return "The token was issued in the future";
  }
  const from = claims.iat ?? nowSeconds;
  if (claims.exp - from > auth.maxLifetimeSeconds + skew) {
    return "The token lives longer than this hub allows";
  }
  return undefined;
}
