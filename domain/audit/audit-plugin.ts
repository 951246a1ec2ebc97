// The audit at the edge of every response: after execution and before anything leaves, one
// access event per child the response is about (and one per search). Fails closed: if the
// events cannot be written, the response carries no data, only an error. Over HTTP an Apollo
// plugin; over WebSocket `auditDelivery`, called for each result it sends (a query's, or one
// subscription event's).
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type ExecutionResult } from "graphql";
import type { Logger } from "#logging/logger.ts";
import { writeResponseAudit, type AuditedContext } from "./write-response-audit.ts";

export const AUDIT_FAILED_ERROR = {
  message: "The access could not be recorded, so nothing is disclosed",
  extensions: { code: "SERVICE_UNAVAILABLE" },
} as const;

export function auditPlugin(log: Logger): ApolloServerPlugin<AuditedContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          try {
            await writeResponseAudit(contextValue);
          } catch (err) {
            log.error(
              { requestId: contextValue.requestId, errName: errorName(err) },
              "audit write failed",
            );
            if (response.body.kind === "single") {
              delete response.body.singleResult.data;
              response.body.singleResult.errors = [AUDIT_FAILED_ERROR];
            }
            response.http.status = 503;
          }
        },
      };
    },
  };
}

/** For graphql-ws: the same, for one result about to be sent. */
export async function auditDelivery(
  contextValue: AuditedContext,
  result: ExecutionResult,
  log: Logger,
): Promise<ExecutionResult> {
  try {
    await writeResponseAudit(contextValue);
    return result;
  } catch (err) {
    log.error({ requestId: contextValue.requestId, errName: errorName(err) }, "audit write failed");
    return {
      errors: [
        new GraphQLError(AUDIT_FAILED_ERROR.message, {
          extensions: { ...AUDIT_FAILED_ERROR.extensions },
        }),
      ],
    };
  }
}

/** Error name/code only: database errors can quote the values they refused. */
function errorName(err: unknown): string {
  if (err && typeof err === "object") {
    const code = (err as { code?: unknown }).code;
    return `${(err as Error).name ?? "Error"}${typeof code === "string" ? `:${code}` : ""}`;
  }
  return "unknown";
}
