import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { DomainError } from "#errors/domain-error.ts";
import type { Logger } from "#logging/logger.ts";

const PASS_THROUGH = new Set([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "WITHHELD",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "QUERY_TOO_COMPLEX",
  "SERVICE_UNAVAILABLE",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * Domain errors keep their code and message; anything unexpected is logged with its stack and
 * masked as "Unexpected error." so that no internal detail (or personal data) leaks.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: Logger,
  production: boolean,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { ...original.extensions, code: original.code },
    };
  }
  const code = String(formatted.extensions?.["code"] ?? "INTERNAL_SERVER_ERROR");
  const tokens = /Document contains more tha[nt] (\d+) tokens/.exec(formatted.message);
  if (code === "GRAPHQL_PARSE_FAILED" && tokens) {
    // the parser's token limit (parseOptions.maxTokens) is one of the query limits
    return {
      message: `Query too complex: more tokens than the limit of ${tokens[1]}`,
      extensions: { code: "QUERY_TOO_COMPLEX" },
    };
  }
  if (PASS_THROUGH.has(code)) {
    if (production && code === "GRAPHQL_VALIDATION_FAILED") {
      // no field suggestions in production
      return { ...formatted, message: formatted.message.replace(/ Did you mean .*$/, "") };
    }
    return { ...formatted, extensions: { code } };
  }
  log.error({ err: original, path: formatted.path }, "unexpected error in request");
  return {
    message: "Unexpected error.",
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}
