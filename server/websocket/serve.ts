// GraphQL over WebSocket (graphql-ws), hardened as HTTP is: the same largest message, the same
// token check, parse, validation and query limits (prepare-operation.ts), the same audit
// (deliver.ts) and the same error formatter. A socket is closed with 4401 when its token
// expires: a subscription never outlives the token it was opened with.
import type http from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { useServer } from "graphql-ws/use/ws";
import { CloseCode, type Disposable } from "graphql-ws";
import type { ExecutionResult, FormattedExecutionResult, GraphQLError } from "graphql";
import type { Logger } from "#logging/logger.ts";
import { formatError } from "../format-error.ts";
import { executeAudited, subscribeDeliveringAfresh } from "./deliver.ts";
import {
  prepareOperation,
  type ConnectionParams,
  type OperationRules,
} from "./prepare-operation.ts";

export interface WebSocketSettings extends OperationRules {
  httpServer: http.Server;
  log: Logger;
  /** The largest message accepted, as for an HTTP body; a larger one closes the socket (1009). */
  maxMessageBytes: number;
}

type Extra = {
  socket: WebSocket;
  expiry?: NodeJS.Timeout;
};

/** setTimeout's longest delay; a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function serveGraphQLOverWebSocket(settings: WebSocketSettings): Disposable {
  const { log, production } = settings;
  const wsServer = new WebSocketServer({
    server: settings.httpServer,
    path: "/graphql",
    maxPayload: settings.maxMessageBytes,
  });
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((e) => formatError(e.toJSON(), e, log, production));

  return useServer<ConnectionParams, Extra>(
    {
      schema: settings.schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams;
        const header = params?.["authorization"] ?? params?.["Authorization"];
        try {
          const viewer = await settings.services.verifyToken(
            typeof header === "string" ? header : undefined,
          );
          if (viewer.expiresAt) closeAtExpiry(ctx.extra, viewer.expiresAt);
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onSubscribe: (ctx, _id, payload) => prepareOperation(settings, ctx.connectionParams, payload),
      execute: (args) => executeAudited(args, log),
      subscribe: (args) => subscribeDeliveringAfresh(args, log),
      onNext: (_ctx, _id, _payload, _args, result: ExecutionResult): FormattedExecutionResult => {
        const { errors, ...rest } = result;
        return errors ? { ...rest, errors: format(errors) } : rest;
      },
      onError: (_ctx, _id, _payload, errors) => format(errors),
      onClose: (ctx) => {
        if (ctx.extra.expiry) clearTimeout(ctx.extra.expiry);
      },
    },
    wsServer,
  );
}

function closeAtExpiry(extra: Extra, expiresAt: Date): void {
  const wait = expiresAt.getTime() - Date.now();
  if (wait <= 0) {
    extra.socket.close(CloseCode.Unauthorized, "Token expired");
    return;
  }
  extra.expiry = setTimeout(() => closeAtExpiry(extra, expiresAt), Math.min(wait, MAX_TIMER_MS));
}
