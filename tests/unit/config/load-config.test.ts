import { describe, expect, it } from "@jest/globals";
import {
  ConfigError,
  DEVELOPMENT_JWT_SECRET,
  ingestConcurrency,
  loadConfig,
} from "#config/index.ts";

function problemsFor(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration at start-up", () => {
  it("uses the embedded defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config.server.port).toBe(4000);
    expect(config.database.url).toBeUndefined();
    expect(config.kafka.enabled).toBe(false);
    expect(config.auth.jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
    expect(config.connectors.cpis.timeoutMs).toBe(800);
    expect(config.connectors.freshnessMs).toBe(24 * 3_600_000);
  });

  it("gives a stop 4 s, or 25 s when Kafka consumers must commit and leave, unless told", () => {
    expect(loadConfig({}).server.stopTimeoutMs).toBe(4_000);
    expect(loadConfig({ KAFKA_BROKERS: "127.0.0.1:9092" }).server.stopTimeoutMs).toBe(25_000);
    expect(loadConfig({ STOP_TIMEOUT_MS: "1500" }).server.stopTimeoutMs).toBe(1_500);
  });

  it("takes in as many partitions at once as the pool allows leaving two, or fewer if told", () => {
    const pool = (size: number, concurrency?: number) => ({
      DATABASE_POOL_SIZE: size,
      KAFKA_INGEST_CONCURRENCY: concurrency,
    });
    expect(ingestConcurrency(pool(10))).toBe(8);
    expect(ingestConcurrency(pool(10, 4))).toBe(4);
    expect(ingestConcurrency(pool(10, 12))).toBe(8);
    expect(ingestConcurrency(pool(2))).toBe(1);
    const config = loadConfig({ KAFKA_BROKERS: "127.0.0.1:9092", KAFKA_INGEST_CONCURRENCY: "3" });
    expect(config.kafka.enabled && config.kafka.ingestConcurrency).toBe(3);
    expect(problemsFor({ KAFKA_INGEST_CONCURRENCY: "0" }).join("\n")).toMatch(
      /KAFKA_INGEST_CONCURRENCY/,
    );
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://root@localhost/db"],
    ["DATABASE_URL", "not a url"],
    ["KAFKA_BROKERS", "localhost"],
    ["SMTP_URL", "http://mail"],
    ["AUTH_JWT_SECRET", "short"],
    ["AUTH_JWKS_URL", "nope"],
    ["CPIS_TIMEOUT_MS", "-5"],
    ["STOP_TIMEOUT_MS", "soon"],
  ])("a bad %s (%s) gives one line naming the variable", (name, value) => {
    const problems = problemsFor({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^Invalid configuration: ${name} `));
  });

  it("reports every bad variable at once", () => {
    const problems = problemsFor({ PORT: "x", KAFKA_BROKERS: "nope" });
    expect(problems.map((p) => p.split(" ")[2])).toEqual(["PORT", "KAFKA_BROKERS"]);
  });

  it("never echoes credentials from a bad value", () => {
    const [line] = problemsFor({ AUTH_JWT_SECRET: "tiny-secret" });
    expect(line).not.toContain("tiny-secret");
  });

  it("refuses production without a real token verifier", () => {
    expect(problemsFor({ NODE_ENV: "production" })[0]).toMatch(/AUTH_JWKS_URL or AUTH_JWT_SECRET/);
  });

  it("refuses production without AUDIT_CHAIN_KEY; outside production the development key is used and said", () => {
    const secret = "a-production-secret-of-enough-length-0123456789";
    expect(problemsFor({ NODE_ENV: "production", AUTH_JWT_SECRET: secret })).toEqual([
      "Invalid configuration: AUDIT_CHAIN_KEY is required when NODE_ENV=production",
    ]);
    expect(loadConfig({}).audit.usesDevelopmentKey).toBe(true);
    const [line] = problemsFor({ AUDIT_CHAIN_KEY: "short-key" });
    expect(line).toMatch(/^Invalid configuration: AUDIT_CHAIN_KEY /);
    expect(line).not.toContain("short-key");
  });

  it("listens on 127.0.0.1 unless HOST is set, in development and in production", () => {
    expect(loadConfig({}).server.host).toBe("127.0.0.1");
    const production = {
      NODE_ENV: "production",
      AUTH_JWT_SECRET: "a-production-secret-of-enough-length-0123456789",
      AUDIT_CHAIN_KEY: "a-production-audit-key-of-enough-length-012345",
    };
    expect(loadConfig(production).server.host).toBe("127.0.0.1");
    expect(loadConfig({ ...production, HOST: "0.0.0.0" }).server.host).toBe("0.0.0.0");
    expect(problemsFor({ HOST: "0.0.0.0; rm" })[0]).toMatch(/^Invalid configuration: HOST /);
  });

  it("bounds token lifetimes: 24 hours and 60 seconds of clock skew unless told", () => {
    expect(loadConfig({}).auth).toMatchObject({ maxLifetimeSeconds: 86_400, clockSkewSeconds: 60 });
    expect(loadConfig({ AUTH_MAX_TOKEN_LIFETIME_HOURS: "8" }).auth.maxLifetimeSeconds).toBe(28_800);
    expect(problemsFor({ AUTH_MAX_TOKEN_LIFETIME_HOURS: "0" })[0]).toMatch(
      /^Invalid configuration: AUTH_MAX_TOKEN_LIFETIME_HOURS /,
    );
  });

  it("keeps rejected events 30 days unless told", () => {
    expect(loadConfig({}).rejectedEvents.retentionDays).toBe(30);
    expect(problemsFor({ REJECTED_EVENT_RETENTION_DAYS: "-1" })[0]).toMatch(
      /^Invalid configuration: REJECTED_EVENT_RETENTION_DAYS /,
    );
  });

  it("parses Kafka brokers and the topic prefix", () => {
    const config = loadConfig({ KAFKA_BROKERS: "a:1, b:2", KAFKA_TOPIC_PREFIX: "x." });
    expect(config.kafka).toMatchObject({
      enabled: true,
      brokers: ["a:1", "b:2"],
      topicPrefix: "x.",
    });
  });
});
