// A real hub for a scenario, against a bench database. By default it runs as production runs it:
// its own process, `node --import tsx server/main.ts` (the Docker image's command), configured by
// its environment only, stopped with SIGTERM — so its memory and CPU can be read by pid
// (proc.ts) and the load generator in the bench process does not share its event loop. A
// scenario that needs the hub's internals (its services) starts one in the bench process
// instead (startInProcessBenchHub); its figures then include the bench's.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { loadConfig } from "#config/index.ts";
import { startHub, type Hub } from "#server/app.ts";
import { createLogger } from "#logging/logger.ts";
import { signDevelopmentToken, type TokenClaims } from "#auth/sign-token.ts";
import type { BenchContext } from "./context.ts";
import { startServerProcess } from "./server-process.ts";

export const BENCH_JWT_SECRET = "bench-secret-that-is-long-enough-for-hs256-signing";
export const BENCH_AUDIT_CHAIN_KEY = "bench-audit-chain-key-that-is-long-enough";

/** How long a hub may take to answer /readyz 200 (migrations are done; Kafka's group join is not). */
const READY_LIMIT_MS = 120_000;

export interface HubOptions {
  /** The hub's database URL: a bench database's `hubUrl` (the runtime role). */
  databaseUrl: string;
  kafka?: boolean;
  env?: Record<string, string>;
}

export interface BenchHub {
  url: string;
  graphqlUrl: string;
  topicPrefix: string | undefined;
  /** The process serving the hub: its own (a child of the bench) or, in process, the bench's. */
  pid: number;
  /** False once the hub's process has exited (or the in-process hub was stopped). */
  running(): boolean;
  token(claims: TokenClaims): Promise<string>;
  stop(): Promise<void>;
}

export interface InProcessBenchHub extends BenchHub {
  hub: Hub;
}

/**
 * The hub's environment. NODE_ENV=production, as deployed: graphql-js without its development
 * checks, errors masked, introspection off, and the production start-up checks — which the bench
 * meets: a JWT secret, an audit chain key, and a runtime database role that neither is a
 * superuser nor owns the access events (database.ts prepares every bench database so).
 */
function hubEnv(ctx: BenchContext, options: HubOptions, port: number) {
  if (options.kafka && !ctx.kafkaBrokers)
    throw new Error("this scenario needs Kafka (BENCH_KAFKA_BROKERS)");
  const topicPrefix = options.kafka ? `b${randomBytes(4).toString("hex")}.` : undefined;
  const env: Record<string, string> = {
    NODE_ENV: "production",
    PORT: String(port),
    LOG_LEVEL: ctx.logLevel,
    DATABASE_URL: options.databaseUrl,
    AUTH_JWT_SECRET: BENCH_JWT_SECRET,
    AUDIT_CHAIN_KEY: BENCH_AUDIT_CHAIN_KEY,
    ...(options.kafka && ctx.kafkaBrokers && topicPrefix
      ? {
          KAFKA_BROKERS: ctx.kafkaBrokers,
          KAFKA_TOPIC_PREFIX: topicPrefix,
          KAFKA_GROUP_ID: `mash-hub-${topicPrefix}`,
        }
      : {}),
    ...options.env,
  };
  return { env, topicPrefix };
}

const token = (claims: TokenClaims) => signDevelopmentToken(BENCH_JWT_SECRET, claims);

/** The hub in its own process, ready (/readyz 200): what every scenario measures. */
export async function startBenchHub(ctx: BenchContext, options: HubOptions): Promise<BenchHub> {
  // The bench picks a free port and gives it to the hub (PORT): the hub prints nothing
  // machine-readable at the bench's default log level (silent). Another process may take the
  // port in between; the hub then says so in one line and exits 1, and the bench tries again.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const { env, topicPrefix } = hubEnv(ctx, options, port);
    const child = startServerProcess("hub", "server/main.ts", [], env);
    const url = `http://127.0.0.1:${port}`;
    try {
      await untilReady(url, child.exited);
    } catch (error) {
      await child.stop(5_000);
      if (attempt < 3 && /already in use/.test(child.stderrTail())) continue;
      throw error instanceof Error
        ? new Error(`${error.message}${child.stderrTail() ? `: ${child.stderrTail().trim()}` : ""}`)
        : error;
    }
    return {
      url,
      graphqlUrl: `${url}/graphql`,
      topicPrefix,
      pid: child.pid,
      running: () => child.running(),
      token,
      stop: () => child.stop(),
    };
  }
}

/** The hub in the bench process, for a scenario that reaches into it (its services). */
export async function startInProcessBenchHub(
  ctx: BenchContext,
  options: HubOptions,
): Promise<InProcessBenchHub> {
  const { env, topicPrefix } = hubEnv(ctx, options, 0);
  const hub = await startHub(loadConfig(env), createLogger(ctx.logLevel));
  let stopped = false;
  return {
    hub,
    url: hub.url,
    graphqlUrl: `${hub.url}/graphql`,
    topicPrefix,
    pid: process.pid,
    running: () => !stopped,
    token,
    async stop() {
      stopped = true;
      await hub.stop();
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function untilReady(url: string, exited: Promise<number | string>): Promise<void> {
  let exit: number | string | undefined;
  void exited.then((code) => (exit = code));
  const deadline = Date.now() + READY_LIMIT_MS;
  while (Date.now() < deadline) {
    if (exit !== undefined) throw new Error(`the hub exited (${exit}) before it was ready`);
    const ready = await fetch(`${url}/readyz`).then(
      async (r) => (await r.arrayBuffer(), r.status === 200),
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the hub was not ready within ${READY_LIMIT_MS / 1000} s`);
}
