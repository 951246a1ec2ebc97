// The web console at /console: the static files `npm run build:console` writes to console/dist,
// served with a Content-Security-Policy that allows only this hub (and, for OpenID Connect
// sign-in, the identity provider's token endpoint). The console talks to the hub only through
// /graphql with the signed-in person's token; /console/config.json tells it how to sign in.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Response, type Router } from "express";
import type { Config } from "#config/index.ts";

export const CONSOLE_DIST = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../console/dist",
);

/** What the browser needs to sign in; nothing secret. */
export interface ConsoleSettings {
  auth:
    | { mode: "development"; tokenCommand: string }
    | { mode: "oidc"; issuer: string; clientId: string; scope: string; audience: string | null }
    | { mode: "unavailable"; message: string };
}

export function consoleSettings(config: Config): ConsoleSettings {
  const oidc = config.console.oidc;
  if (oidc) {
    return {
      auth: {
        mode: "oidc",
        issuer: oidc.issuer,
        clientId: oidc.clientId,
        scope: oidc.scope,
        audience: oidc.audience ?? null,
      },
    };
  }
  if (config.env !== "production" && config.auth.jwtSecret && !config.auth.jwksUrl) {
    return {
      auth: {
        mode: "development",
        tokenCommand:
          "npm run token -- --role MASH_SCREENER --sub screener-1 --name 'Sam Screener'",
      },
    };
  }
  return {
    auth: {
      mode: "unavailable",
      message:
        "Sign-in is not configured: set AUTH_ISSUER and CONSOLE_OIDC_CLIENT_ID for OpenID Connect.",
    },
  };
}

export function contentSecurityPolicy(config: Config): string {
  const connect = ["'self'"];
  if (config.console.oidc) connect.push(new URL(config.console.oidc.issuer).origin);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(" ")}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function createConsoleRouter(config: Config, dist = CONSOLE_DIST): Router {
  const router = express.Router();
  const csp = contentSecurityPolicy(config);
  const settings = consoleSettings(config);
  const secure = (res: Response) => {
    res.setHeader("Content-Security-Policy", csp);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("X-Frame-Options", "DENY");
  };

  router.get("/", (_req, res) => res.redirect(302, "/console/"));
  router.use("/console", (_req, res, next) => {
    secure(res);
    next();
  });
  router.get("/console/config.json", (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json(settings);
  });
  router.use(
    "/console",
    express.static(dist, {
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders(res, file) {
        // hashed file names under assets/ never change; anything else is looked at each time
        res.setHeader(
          "Cache-Control",
          file.includes(`${path.sep}assets${path.sep}`)
            ? "public, max-age=31536000, immutable"
            : "no-cache",
        );
      },
    }),
  );
  // Every other path under /console is a screen of the single-page app: its index.html.
  router.get(/^\/console(\/.*)?$/, (req, res) => {
    if (req.path.startsWith("/console/assets/")) {
      res.status(404).type("text/plain").send("Not found");
      return;
    }
    const index = path.join(dist, "index.html");
    if (!existsSync(index)) {
      res
        .status(503)
        .type("text/plain")
        .send("The console is not built: run `npm run build:console` (npm start does it).\n");
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  return router;
}
