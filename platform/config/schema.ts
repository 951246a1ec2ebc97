// Configuration, one zod model per concern. Only this folder reads process.env; everything else
// receives the typed result (see loadConfig).
import { z } from "zod";
import { mashSchema } from "./mash.ts";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "postgresql:" || u.protocol === "postgres:") && u.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a postgresql:// URL with a host, e.g. postgresql://user@127.0.0.1:5432/mash");

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const serverSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "must be between 0 and 65535")
    .max(65535, "must be between 0 and 65535")
    .default(4000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Name of this replica, for logs and per-replica consumer groups. */
  HUB_INSTANCE_ID: optionalString,
  MAX_REQUEST_BYTES: positiveInt(1_000_000),
  /**
   * How long a stop (SIGTERM, Ctrl-C) may take before the process exits regardless, in ms.
   * Default (config/index.ts): 4 s, or 25 s with Kafka, for the consumers to commit and leave.
   */
  STOP_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  /** Address to listen on; 127.0.0.1 unless set (a hub is not on the network by default). */
  HOST: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.:[\]-]+$/, "must be an IP address or host name, e.g. 0.0.0.0 or 127.0.0.1")
    .optional(),
  /** Bearer token for /metrics; without it /metrics answers loopback callers only. */
  METRICS_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  /** How long a rejected agency event (raw bytes and issues) is kept. */
  REJECTED_EVENT_RETENTION_DAYS: z.coerce
    .number({ error: "must be a number of days" })
    .positive("must be a positive number of days")
    .default(30),
});

export const databaseSchema = z.object({
  /** The hub's runtime role: may add access events, never change or remove them. */
  DATABASE_URL: postgresUrl.optional(),
  /** The owner role: runs migrations (then grants the runtime role what it may do). */
  DATABASE_OWNER_URL: postgresUrl.optional(),
  /** Where the embedded PostgreSQL (PGlite) keeps its files when DATABASE_URL is not set. */
  DATA_DIR: z.string().default(".data"),
  DATABASE_POOL_SIZE: positiveInt(10),
});

const brokerList = z
  .string()
  .trim()
  .refine(
    (v) => v.split(",").every((b) => /^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(b.trim())),
    "must be a comma-separated list of host:port, e.g. 127.0.0.1:9092",
  );

export const kafkaSchema = z.object({
  KAFKA_BROKERS: brokerList.optional(),
  KAFKA_CLIENT_ID: z.string().default("mash-hub"),
  KAFKA_GROUP_ID: z.string().default("mash-hub"),
  /** Prefix for every topic name; tests use it to isolate one file's topics from another's. */
  KAFKA_TOPIC_PREFIX: z.string().default(""),
  /** Largest accepted agency event, in bytes; larger ones go to the DLQ. */
  KAFKA_MAX_EVENT_BYTES: positiveInt(256_000),
  /** Partitions taken in at once (default and most: the pool size less two). */
  KAFKA_INGEST_CONCURRENCY: z.coerce.number().int().positive().optional(),
});

export const authSchema = z.object({
  AUTH_JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  AUTH_JWKS_URL: z.url({ error: "must be a URL" }).optional(),
  AUTH_ISSUER: optionalString,
  AUTH_AUDIENCE: optionalString,
  /** Longest a token may live (exp after iat, or after now without iat). */
  AUTH_MAX_TOKEN_LIFETIME_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** How far ahead of our clock a token's iat may be. */
  AUTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
});

export const auditSchema = z.object({
  /** HMAC-SHA256 key of the access-event chain and its anchor; required in production. */
  AUDIT_CHAIN_KEY: z.string().min(32, "must be at least 32 characters").optional(),
});

export const smtpSchema = z.object({
  SMTP_URL: z
    .string()
    .trim()
    .refine((v) => /^smtps?:\/\/.+/.test(v), "must be an smtp:// or smtps:// URL")
    .optional(),
  ALERT_EMAIL_FROM: z.email({ error: "must be an e-mail address" }).default("mash-hub@localhost"),
  MASH_DUTY_EMAIL: z.email({ error: "must be an e-mail address" }).default("mash-duty@localhost"),
  /** How often the alert e-mail worker looks for e-mails due (it is also woken on new alerts). */
  ALERT_EMAIL_POLL_MS: positiveInt(1000),
  /** Retry backoff for a failed alert e-mail: base doubles per attempt, capped at max. */
  ALERT_EMAIL_RETRY_BASE_MS: positiveInt(1000),
  ALERT_EMAIL_RETRY_MAX_MS: positiveInt(60_000),
});

export const connectorsSchema = z.object({
  CPIS_URL: z.url({ error: "must be a URL" }).optional(),
  CPIS_TIMEOUT_MS: positiveInt(800),
  EDUCATION_URL: z.url({ error: "must be a URL" }).optional(),
  EDUCATION_TIMEOUT_MS: positiveInt(800),
  /** How long a pulled agency answer is reused before it is fetched again. */
  CONNECTOR_FRESHNESS_HOURS: z.coerce.number().positive().default(24),
});

export const consoleSchema = z.object({
  /** The hub's address as people reach it (links in e-mails; the console's sign-in redirect). */
  HUB_PUBLIC_URL: z.url({ error: "must be a URL" }).optional(),
  /** The console's OpenID Connect client id at AUTH_ISSUER (authorization code with PKCE). */
  CONSOLE_OIDC_CLIENT_ID: optionalString,
  /** Scopes the console asks the identity provider for. */
  CONSOLE_OIDC_SCOPE: z.string().trim().min(1).default("openid profile email"),
});

export const envSchema = serverSchema
  .extend(databaseSchema.shape)
  .extend(kafkaSchema.shape)
  .extend(authSchema.shape)
  .extend(auditSchema.shape)
  .extend(smtpSchema.shape)
  .extend(connectorsSchema.shape)
  .extend(consoleSchema.shape)
  .extend(mashSchema.shape);

export type Env = z.infer<typeof envSchema>;
