import { envSchema, type Env } from "./schema.ts";
import { mashConfig, mashProblems, type MashConfig } from "./mash.ts";

export type { MashConfig, RagTimescales, TimescaleAmount } from "./mash.ts";

/** Development-only signing secret, used when no AUTH_* variable is set outside production. */
export const DEVELOPMENT_JWT_SECRET = "development-only-secret-do-not-use-in-production!";
/** Development-only audit chain key, used when AUDIT_CHAIN_KEY is not set outside production. */
export const DEVELOPMENT_AUDIT_CHAIN_KEY = "development-only-audit-chain-key-not-for-production";

/**
 * How many partitions' batches are taken in at once: each is a transaction on a pool connection,
 * and two are left for the API and the workers (decision 79).
 */
export function ingestConcurrency(
  e: Pick<Env, "KAFKA_INGEST_CONCURRENCY" | "DATABASE_POOL_SIZE">,
): number {
  const room = Math.max(1, e.DATABASE_POOL_SIZE - 2);
  return Math.min(e.KAFKA_INGEST_CONCURRENCY ?? room, room);
}

export interface Config {
  env: Env["NODE_ENV"];
  server: {
    port: number;
    /** Where to listen; 127.0.0.1 unless HOST is set. */
    host: string;
    logLevel: Env["LOG_LEVEL"];
    instanceId: string;
    maxRequestBytes: number;
    stopTimeoutMs: number;
    metricsToken: string | undefined;
  };
  database: {
    url: string | undefined;
    ownerUrl: string | undefined;
    dataDir: string;
    poolSize: number;
  };
  kafka:
    | { enabled: false }
    | {
        enabled: true;
        brokers: string[];
        clientId: string;
        groupId: string;
        topicPrefix: string;
        maxEventBytes: number;
        /** Partitions taken in at once, each its own transaction on a pool connection. */
        ingestConcurrency: number;
      };
  auth: {
    jwtSecret: string | undefined;
    jwksUrl: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
    maxLifetimeSeconds: number;
    clockSkewSeconds: number;
    /** True when tokens are signed with the built-in development secret (a warning at start). */
    usesDevelopmentSecret: boolean;
  };
  audit: {
    chainKey: string;
    /** True when the chain is keyed with the built-in development key (a warning at start). */
    usesDevelopmentKey: boolean;
  };
  rejectedEvents: { retentionDays: number };
  smtp: {
    url: string | undefined;
    from: string;
    dutyEmail: string;
    pollMs: number;
    retryBaseMs: number;
    retryMaxMs: number;
  };
  connectors: {
    cpis: { url: string | undefined; timeoutMs: number };
    education: { url: string | undefined; timeoutMs: number };
    freshnessMs: number;
  };
  /** The web console at /console: sign-in by OpenID Connect when a client id is set. */
  console: {
    publicUrl: string | undefined;
    oidc:
      { issuer: string; clientId: string; scope: string; audience: string | undefined } | undefined;
  };
  /** The RAG rule version in force and the decision timescales. */
  mash: MashConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ConfigError";
  }
}

/**
 * Validates the environment and returns the typed configuration. Every problem is reported at
 * once, one line per variable, each naming the variable.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const got = source[name];
      const shown = got === undefined ? "" : ` (got ${JSON.stringify(redact(name, got))})`;
      return `Invalid configuration: ${name} ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === "production" && !e.AUTH_JWT_SECRET && !e.AUTH_JWKS_URL) {
    problems.push(
      "Invalid configuration: AUTH_JWKS_URL or AUTH_JWT_SECRET is required when NODE_ENV=production",
    );
  }
  if (e.CONSOLE_OIDC_CLIENT_ID && !e.AUTH_ISSUER) {
    problems.push(
      "Invalid configuration: AUTH_ISSUER is required when CONSOLE_OIDC_CLIENT_ID is set",
    );
  }
  problems.push(...mashProblems(e));
  if (e.NODE_ENV === "production" && !e.AUDIT_CHAIN_KEY) {
    problems.push("Invalid configuration: AUDIT_CHAIN_KEY is required when NODE_ENV=production");
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const usesDevSecret = !e.AUTH_JWT_SECRET && !e.AUTH_JWKS_URL;
  return {
    env: e.NODE_ENV,
    server: {
      port: e.PORT,
      host: e.HOST ?? "127.0.0.1",
      logLevel: e.LOG_LEVEL,
      instanceId: e.HUB_INSTANCE_ID ?? `hub-${process.pid}`,
      maxRequestBytes: e.MAX_REQUEST_BYTES,
      stopTimeoutMs: e.STOP_TIMEOUT_MS ?? (e.KAFKA_BROKERS ? 25_000 : 4_000),
      metricsToken: e.METRICS_TOKEN,
    },
    database: {
      url: e.DATABASE_URL,
      ownerUrl: e.DATABASE_OWNER_URL,
      dataDir: e.DATA_DIR,
      poolSize: e.DATABASE_POOL_SIZE,
    },
    kafka: e.KAFKA_BROKERS
      ? {
          enabled: true,
          brokers: e.KAFKA_BROKERS.split(",").map((b) => b.trim()),
          clientId: e.KAFKA_CLIENT_ID,
          groupId: e.KAFKA_GROUP_ID,
          topicPrefix: e.KAFKA_TOPIC_PREFIX,
          maxEventBytes: e.KAFKA_MAX_EVENT_BYTES,
          ingestConcurrency: ingestConcurrency(e),
        }
      : { enabled: false },
    auth: {
      jwtSecret: usesDevSecret ? DEVELOPMENT_JWT_SECRET : e.AUTH_JWT_SECRET,
      jwksUrl: e.AUTH_JWKS_URL,
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      maxLifetimeSeconds: Math.round(e.AUTH_MAX_TOKEN_LIFETIME_HOURS * 3600),
      clockSkewSeconds: e.AUTH_CLOCK_SKEW_SECONDS,
      usesDevelopmentSecret: usesDevSecret,
    },
    audit: {
      chainKey: e.AUDIT_CHAIN_KEY ?? DEVELOPMENT_AUDIT_CHAIN_KEY,
      usesDevelopmentKey: !e.AUDIT_CHAIN_KEY,
    },
    rejectedEvents: { retentionDays: e.REJECTED_EVENT_RETENTION_DAYS },
    smtp: {
      url: e.SMTP_URL,
      from: e.ALERT_EMAIL_FROM,
      dutyEmail: e.MASH_DUTY_EMAIL,
      pollMs: e.ALERT_EMAIL_POLL_MS,
      retryBaseMs: e.ALERT_EMAIL_RETRY_BASE_MS,
      retryMaxMs: e.ALERT_EMAIL_RETRY_MAX_MS,
    },
    connectors: {
      cpis: { url: e.CPIS_URL, timeoutMs: e.CPIS_TIMEOUT_MS },
      education: { url: e.EDUCATION_URL, timeoutMs: e.EDUCATION_TIMEOUT_MS },
      freshnessMs: e.CONNECTOR_FRESHNESS_HOURS * 3_600_000,
    },
    console: {
      publicUrl: e.HUB_PUBLIC_URL?.replace(/\/+$/, ""),
      oidc:
        e.CONSOLE_OIDC_CLIENT_ID && e.AUTH_ISSUER
          ? {
              issuer: e.AUTH_ISSUER,
              clientId: e.CONSOLE_OIDC_CLIENT_ID,
              scope: e.CONSOLE_OIDC_SCOPE,
              audience: e.AUTH_AUDIENCE,
            }
          : undefined,
    },
    mash: mashConfig(e),
  };
}

function redact(name: string, value: string): string {
  if (/SECRET|PASSWORD|KEY|TOKEN/.test(name)) return "***";
  // never echo credentials embedded in a URL
  return value.replace(/\/\/([^@/]*)@/, "//***@");
}

/**
 * For entry points (`npm start`, `npm run migrate`, `npm run seed`): the configuration, or one
 * line per bad variable on stderr and exit code 78 (EX_CONFIG).
 */
export function loadConfigOrExit(source: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(source);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const line of error.problems) console.error(line);
      process.exit(78);
    }
    throw error;
  }
}
