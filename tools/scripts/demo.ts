// npm run demo — starts the hub (the embedded database unless DATABASE_URL is set), loads a
// realistic MASH day through its public API, and prints the console's address and a sign-in
// token for each role. Runs until Ctrl-C. Development only.
import { rmSync } from "node:fs";
import { loadConfigOrExit } from "#config/index.ts";
import { createLogger } from "#logging/logger.ts";
import { signDevelopmentToken } from "#auth/sign-token.ts";
import { startHub } from "#server/app.ts";
import { OperatorError } from "#errors/operator-error.ts";
import { loadDemoDay } from "#demo/load-day.ts";
import { DEMO_PEOPLE } from "#demo/people.ts";

// A fresh embedded database for each demo (the day is relative to now), apart from npm start's.
const DEMO_DATA_DIR = ".data/demo";
const fresh = !process.env["DATABASE_URL"] && !process.env["DATA_DIR"];
if (fresh) rmSync(DEMO_DATA_DIR, { recursive: true, force: true });
const config = loadConfigOrExit({ ...process.env, ...(fresh ? { DATA_DIR: DEMO_DATA_DIR } : {}) });
if (config.env === "production" || config.auth.jwksUrl || !config.auth.jwtSecret) {
  console.error(
    "npm run demo signs its own tokens: it runs only in development, without AUTH_JWKS_URL",
  );
  process.exit(2);
}
const secret = config.auth.jwtSecret;
const logger = createLogger(process.env["LOG_LEVEL"] ?? "warn", { instance: "demo" });
const hub = await startHub(config, logger).catch((error: unknown) => {
  // a port in use, or the data directory open in another process: one line, no stack trace
  if (error instanceof OperatorError) console.error(`demo: ${error.message}`);
  else console.error(`demo: the hub did not start: ${(error as Error).message ?? String(error)}`);
  return process.exit(1);
});
const sign = (claims: Parameters<typeof signDevelopmentToken>[1]) =>
  signDevelopmentToken(secret, claims, {
    expiresIn: "8h",
    ...(config.auth.issuer ? { issuer: config.auth.issuer } : {}),
    ...(config.auth.audience ? { audience: config.auth.audience } : {}),
  });

const day = await loadDemoDay(hub.url, sign, {
  backdate: async (id, hours) => {
    // a contact received earlier in the day and not yet screened: overdue now
    await hub.services.db.$executeRaw`
      UPDATE "MashNotification"
         SET "createdAt" = now() - make_interval(hours => ${hours}),
             "dueBy" = now() - make_interval(hours => ${hours}) + interval '4 hours'
       WHERE id = ${id}::uuid AND status = 'AWAITING_SCREENING'`;
  },
});

const base = config.console.publicUrl ?? `http://localhost:${hub.port}`;
console.log(`
The MASH hub is running with a demo day loaded (${Object.keys(day.children).length} children).

  Console:      ${base}/console/
  GraphQL:      ${base}/graphql
  For agencies: ${base}/openapi.json and ${base}/asyncapi.json (docs/integrating.md)

Sign in by pasting one of these tokens (valid 8 hours):
`);
for (const p of Object.values(DEMO_PEOPLE)) {
  console.log(`  ${p.role.padEnd(19)} ${p.name} (${p.sub})`);
  console.log(`  ${await sign(p)}\n`);
}
console.log(
  `Try: as ${DEMO_PEOPLE.earlyHelpManager.name}, open Alerts in one window; as ${DEMO_PEOPLE.screener.name}, screen Freya Ahmed's contact in another: the alert arrives live.`,
);
if (day.skipped.length > 0) {
  console.log(
    `Not served by this hub yet (contract version 2), so not in the day: ${day.skipped.join(", ")}.`,
  );
}
console.log("Ctrl-C stops the hub.");

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // stop cleanly, but never hang on the way out
    setTimeout(() => process.exit(0), 5000).unref();
    void hub.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
