// One hub process: HTTP (GraphQL, health, metrics), GraphQL over WebSocket, and the workers.
import http from "node:http";
import express from "express";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { GraphQLFormattedError } from "graphql";
import type { Config } from "#config/index.ts";
import type { Db } from "#db/client.ts";
import { apolloLogger, createLogger, type Logger } from "#logging/logger.ts";
import { createTokenVerifier } from "#auth/verify-token.ts";
import { AGENCY_NAMES } from "#connectors/registry.ts";
import type { RequestContext } from "#resolvers/context.ts";
import { createKafkaClient, ensureTopics, type KafkaClient } from "#kafka/client.ts";
import { topicNames } from "#consumers/topic-names.ts";
import { buildSchema } from "./schema.ts";
import { createMetrics } from "#metrics/metrics.ts";
import { createServices, type Services } from "#domain/services.ts";
import { createWorkers } from "./workers.ts";
import type { Worker } from "#runtime/worker.ts";
import { formatError } from "./format-error.ts";
import { sendDomainError } from "./http-errors.ts";
import { uncategorisedFields } from "#access/field-category.ts";
import { auditPlugin } from "#audit/audit-plugin.ts";
import { queryLimitsPlugin } from "./plugins/limits-plugin.ts";
import { DEFAULT_QUERY_LIMITS } from "./plugins/query-limits.ts";
import { serveGraphQLOverWebSocket } from "./websocket/serve.ts";
import { createEventsRouter } from "./routes/events.ts";
import { createConsoleRouter } from "./routes/console.ts";
import { createApiDocsRouter } from "./routes/api-docs.ts";
import { assertPortFree, listen } from "./listen.ts";
import { authenticate, contextFor, graphqlDoor, isGraphQLPost } from "./graphql-http.ts";

/** How long in-flight HTTP requests get to finish when the hub stops, before they are cut. */
const HTTP_DRAIN_MS = 2_000;
import { argumentErrorsPlugin } from "./plugins/argument-errors.ts";
import { metricsGuard, securityHeaders } from "./http-security.ts";
import { startDatabase } from "./start-database.ts";

export interface Hub {
  url: string;
  port: number;
  services: Services;
  stop(): Promise<void>;
}

/**
 * Starts the hub. A port already taken or an embedded data directory open in another process is
 * an OperatorError (one line for the operator); whatever had been opened is closed again first.
 */
export async function startHub(config: Config, logger?: Logger): Promise<Hub> {
  const log =
    logger ?? createLogger(config.server.logLevel, { instance: config.server.instanceId });
  const opened: Array<() => Promise<unknown>> = [];
  try {
    return await start(config, log, opened);
  } catch (error) {
    for (const close of opened.reverse()) await close().catch(() => undefined);
    throw error;
  }
}

async function start(
  config: Config,
  log: Logger,
  opened: Array<() => Promise<unknown>>,
): Promise<Hub> {
  await assertPortFree(config.server.port, config.server.host);
  const database = await startDatabase(config, log);
  opened.push(() => database.stop());
  // after the port and the data directory are ours: a refused start says one line, no more
  warnAboutDevelopmentSecrets(config, log);
  const db: Db = database.db;

  let kafka: KafkaClient | undefined;
  if (config.kafka.enabled) {
    kafka = createKafkaClient(config.kafka, log);
    await ensureTopics(kafka, topicNames(config.kafka.topicPrefix).all);
  }

  const metrics = createMetrics();
  const verifyToken = createTokenVerifier(config.auth, AGENCY_NAMES);
  const services = createServices({ config, db, logger: log, metrics, verifyToken });
  const schema = buildSchema();
  // Start-up check: a field without an access category is withheld from everyone; list them.
  const uncategorised = uncategorisedFields(schema);
  if (uncategorised.length > 0) {
    log.error({ fields: uncategorised }, "fields without an @access category (always withheld)");
    if (config.env === "production") {
      throw new Error(`Fields without an @access category: ${uncategorised.join(", ")}`);
    }
  }

  const production = config.env === "production";
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders(production));
  // POST /graphql (JSON) is answered before express (graphql-http.ts; `door`, made with Apollo
  // below: nothing arrives before the server listens, at the end of start-up).
  const httpServer = http.createServer((req, res) => {
    if (isGraphQLPost(req)) door(req, res);
    else void app(req, res);
  });
  const wsCleanup = serveGraphQLOverWebSocket({
    httpServer,
    schema,
    services,
    log,
    production,
    limits: DEFAULT_QUERY_LIMITS,
    maxMessageBytes: config.server.maxRequestBytes,
  });

  const apollo = new ApolloServer<RequestContext>({
    schema,
    allowBatchedHttpRequests: false,
    // server/main.ts owns the signals (one stop sequence, with a deadline); Apollo's own
    // handler would race it and hold the process open.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    introspection: !production,
    logger: apolloLogger(log),
    includeStacktraceInErrorResponses: false,
    // Compact JSON, not Apollo's two-space indentation: a child's whole view is smaller
    // on the wire (decision 68).
    stringifyResult: (result) => JSON.stringify(result),
    // token limit at parse time, before validation's work (formatError names it QUERY_TOO_COMPLEX)
    parseOptions: { maxTokens: DEFAULT_QUERY_LIMITS.maxTokens },
    formatError: (formatted: GraphQLFormattedError, error: unknown) =>
      formatError(formatted, error, log, production),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: HTTP_DRAIN_MS }),
      // A federated schema turns on per-field timing traces for routers (ftv1); the hub gives a
      // router nothing but answers (docs/federation.md).
      ApolloServerPluginInlineTraceDisabled(),
      // Nothing sets a cache hint (no @cacheControl, every response is per caller and no-store):
      // the plugin would still walk every resolved field to compute a policy nobody reads.
      ApolloServerPluginCacheControlDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
      argumentErrorsPlugin(),
      queryLimitsPlugin(),
      auditPlugin(log),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  const door = graphqlDoor({
    apollo,
    services,
    maxRequestBytes: config.server.maxRequestBytes,
    production,
    log,
  });
  await apollo.start();
  opened.push(() => apollo.stop());

  const workers: Worker[] = createWorkers(services, kafka);

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const checks: Record<string, boolean> = {};
    try {
      await db.$queryRaw`SELECT 1`;
      checks["database"] = true;
    } catch {
      checks["database"] = false;
    }
    for (const w of workers) checks[w.name] = w.ready();
    const ok = Object.values(checks).every(Boolean);
    res.status(ok ? 200 : 503).json({ status: ok ? "ready" : "not ready", checks });
  });
  app.get("/metrics", metricsGuard(config.server.metricsToken, production), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use(createEventsRouter(services));
  app.use(createApiDocsRouter());
  app.use(createConsoleRouter(config));

  const jsonBody = express.json({ limit: config.server.maxRequestBytes });
  app.use(
    "/graphql",
    jsonBody,
    async (req, res, next) => {
      try {
        res.locals["viewer"] = await authenticate(services, req, req.body);
        next();
      } catch (error) {
        if (!sendDomainError(res, error)) next(error);
      }
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => contextFor(services, res.locals["viewer"] ?? null, req),
    }),
  );

  const host = config.server.host;
  const port = await listen(httpServer, config.server.port, host);
  for (const w of workers) await w.start();
  log.info({ host, port }, "hub listening");

  let stopped = false;
  return {
    url: `http://${localAddress(host)}:${port}`,
    port,
    services,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const w of [...workers].reverse()) {
        await w
          .stop()
          .catch((err: unknown) => log.error({ err, worker: w.name }, "worker stop failed"));
      }
      await apollo.stop();
      await database.stop();
      log.info("hub stopped");
    },
  };
}

/** Said once at start: what makes this hub unfit for real data. */
function warnAboutDevelopmentSecrets(config: Config, log: Logger): void {
  if (config.auth.usesDevelopmentSecret) {
    log.warn(
      { host: config.server.host },
      "tokens are signed and checked with the built-in development secret, which is in the " +
        "source: anyone can mint a token; set AUTH_JWT_SECRET or AUTH_JWKS_URL",
    );
  }
  if (config.audit.usesDevelopmentKey) {
    log.warn(
      "the audit chain is keyed with the built-in development key: set AUDIT_CHAIN_KEY " +
        "(required in production) or the chain can be recomputed by anyone who edits it",
    );
  }
}

/** How this process reaches its own listener. */
function localAddress(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
