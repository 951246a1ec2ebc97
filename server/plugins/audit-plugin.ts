// Apollo plugin: after execution and before the response leaves, writes one access event per
// child the response is about. Fails closed: if the events cannot be written, the response
// carries no data, only an error.
import type { ApolloServerPlugin } from "@apollo/server";
import type { FormattedExecutionResult } from "graphql";
import type { RequestContext } from "#resolvers/context.ts";
import { writeResponseAudit } from "#audit/write-response-audit.ts";
import type { Logger } from "#logging/logger.ts";

export const AUDIT_FAILED_ERROR = {
  message: "The access could not be recorded, so nothing is disclosed",
  extensions: { code: "SERVICE_UNAVAILABLE" },
} as const;

export function auditPlugin(log: Logger): ApolloServerPlugin<RequestContext> {
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

/** For graphql-ws: the same, per operation result (queries and each subscription event). */
export async function auditWebSocketResult(
  contextValue: RequestContext,
  log: Logger,
): Promise<FormattedExecutionResult | undefined> {
  try {
    await writeResponseAudit(contextValue);
    return undefined;
  } catch (err) {
    log.error({ requestId: contextValue.requestId, errName: errorName(err) }, "audit write failed");
    return { errors: [AUDIT_FAILED_ERROR] };
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
