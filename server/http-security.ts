// HTTP hardening for every route: headers that stop sniffing, framing and (in production)
// downgrades, and the guard on /metrics (docs/decisions.md).
import { timingSafeEqual } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { Request, RequestHandler } from "express";

export function securityHeaders(production: boolean): RequestHandler {
  return (_req, res, next) => {
    setSecurityHeaders(res, production);
    next();
  };
}

/** The headers every answer carries (express routes and the GraphQL door, graphql-http.ts). */
export function setSecurityHeaders(res: ServerResponse, production: boolean): void {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
  res.setHeader("Referrer-Policy", "no-referrer");
  // answers hold personal data: no shared or browser cache keeps them
  res.setHeader("Cache-Control", "no-store");
  if (production) {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
}

/**
 * /metrics: with METRICS_TOKEN, only `Authorization: Bearer <METRICS_TOKEN>`. Without it,
 * only callers on this machine (loopback), and never in production, where a reverse proxy on
 * the same machine would make every caller look local.
 */
export function metricsGuard(token: string | undefined, production: boolean): RequestHandler {
  return (req, res, next) => {
    if (token) {
      if (bearerMatches(req, token)) return next();
      res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
      res.status(401).json({ error: "a bearer token (METRICS_TOKEN) is required" });
      return;
    }
    if (!production && isLoopback(req.socket.remoteAddress)) return next();
    res.status(403).json({
      error: production
        ? "/metrics needs METRICS_TOKEN in production"
        : "/metrics answers this machine only unless METRICS_TOKEN is set",
    });
  };
}

function bearerMatches(req: Request, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? "");
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || /^(::ffff:)?127\./.test(address);
}
