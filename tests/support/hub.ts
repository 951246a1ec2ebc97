// Starts a real hub in this process against the test's own database and (optionally) its own
// Kafka topics, on a free port, and gives tokens and a GraphQL client for it.
import { randomBytes } from "node:crypto";
import { inject } from "./provided.ts";
import { loadConfig } from "#config/index.ts";
import { startHub, type Hub } from "#server/app.ts";
import { createLogger } from "#logging/logger.ts";
import { signDevelopmentToken, type TokenClaims } from "#auth/sign-token.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export const TEST_JWT_SECRET = "test-secret-that-is-long-enough-for-hs256-signing";
export const TEST_AUDIT_CHAIN_KEY = "test-audit-chain-key-that-is-long-enough-for-hmac";

export interface TestHub {
  hub: Hub;
  url: string;
  db: TestDatabase;
  topicPrefix: string;
  env: Record<string, string>;
  /** The AUDIT_CHAIN_KEY the hub chains access events with. */
  chainKey: string;
  token(claims: TokenClaims): Promise<string>;
  gql<T = unknown>(
    token: string | undefined,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResponse<T>>;
  stop(): Promise<void>;
}

export interface GqlResponse<T> {
  status: number;
  data: T | null | undefined;
  errors:
    | Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }>
    | undefined;
}

export async function startTestHub(
  options: { kafka?: boolean; env?: Record<string, string>; database?: TestDatabase } = {},
): Promise<TestHub> {
  const db = options.database ?? (await createTestDatabase());
  const topicPrefix = `t${randomBytes(4).toString("hex")}.`;
  const env: Record<string, string> = {
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: process.env["TEST_LOG_LEVEL"] ?? "silent",
    // the hub logs in as the runtime role; the owner migrated the template beforehand
    DATABASE_URL: db.runtimeUrl,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    AUDIT_CHAIN_KEY: TEST_AUDIT_CHAIN_KEY,
    ...(options.kafka
      ? {
          KAFKA_BROKERS: inject("kafkaBrokers"),
          KAFKA_TOPIC_PREFIX: topicPrefix,
          KAFKA_GROUP_ID: `mash-hub-${topicPrefix}`,
        }
      : {}),
    ...options.env,
  };
  const config = loadConfig(env);
  const hub = await startHub(config, createLogger(env["LOG_LEVEL"] ?? "silent"));
  return {
    hub,
    url: hub.url,
    db,
    topicPrefix,
    env,
    chainKey: env["AUDIT_CHAIN_KEY"] ?? TEST_AUDIT_CHAIN_KEY,
    token: (claims) => signDevelopmentToken(TEST_JWT_SECRET, claims),
    async gql(token, query, variables, headers) {
      const res = await fetch(`${hub.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as {
        data?: unknown;
        errors?: GqlResponse<unknown>["errors"];
      };
      return { status: res.status, data: body.data as never, errors: body.errors };
    },
    async stop() {
      await hub.stop();
      if (!options.database) await db.drop();
    },
  };
}
