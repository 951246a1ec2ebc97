// A real hub started in the bench process, on a free port, against a bench database.
import { randomBytes } from "node:crypto";
import { loadConfig } from "#config/index.ts";
import { startHub, type Hub } from "#server/app.ts";
import { createLogger } from "#logging/logger.ts";
import { signDevelopmentToken, type TokenClaims } from "#auth/sign-token.ts";
import type { BenchContext } from "./context.ts";

export const BENCH_JWT_SECRET = "bench-secret-that-is-long-enough-for-hs256-signing";

export interface BenchHub {
  hub: Hub;
  url: string;
  graphqlUrl: string;
  topicPrefix: string | undefined;
  token(claims: TokenClaims): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchHub(
  ctx: BenchContext,
  options: { databaseUrl: string; kafka?: boolean; env?: Record<string, string> },
): Promise<BenchHub> {
  if (options.kafka && !ctx.kafkaBrokers)
    throw new Error("this scenario needs Kafka (BENCH_KAFKA_BROKERS)");
  const topicPrefix = options.kafka ? `b${randomBytes(4).toString("hex")}.` : undefined;
  const env: Record<string, string> = {
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: ctx.logLevel,
    DATABASE_URL: options.databaseUrl,
    AUTH_JWT_SECRET: BENCH_JWT_SECRET,
    ...(options.kafka && ctx.kafkaBrokers && topicPrefix
      ? {
          KAFKA_BROKERS: ctx.kafkaBrokers,
          KAFKA_TOPIC_PREFIX: topicPrefix,
          KAFKA_GROUP_ID: `mash-hub-${topicPrefix}`,
        }
      : {}),
    ...options.env,
  };
  const hub = await startHub(loadConfig(env), createLogger(ctx.logLevel));
  return {
    hub,
    url: hub.url,
    graphqlUrl: `${hub.url}/graphql`,
    topicPrefix,
    token: (claims) => signDevelopmentToken(BENCH_JWT_SECRET, claims),
    stop: () => hub.stop(),
  };
}
