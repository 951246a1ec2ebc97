// The one error formatter, for HTTP (Apollo's formatError) and WebSocket alike. Domain errors
// keep their code, message and extensions; a code from platform/errors' list is shown as it is
// (in production without "Did you mean …" suggestions); anything else is unexpected: logged
// with its stack, and masked as "Unexpected error." so that no internal detail (or personal
// data) leaks.
import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { DomainError } from "#errors/domain-error.ts";
import { isClientErrorCode, type ClientErrorCode } from "#errors/codes.ts";
import type { Logger } from "#logging/logger.ts";

type Shown = "AS_IS" | "WITHOUT_SUGGESTIONS" | "MASKED";

function howShown(code: ClientErrorCode, production: boolean): Shown {
  switch (code) {
    case "GRAPHQL_VALIDATION_FAILED":
      return production ? "WITHOUT_SUGGESTIONS" : "AS_IS";
    case "INTERNAL_SERVER_ERROR":
      return "MASKED";
    case "UNAUTHENTICATED":
    case "FORBIDDEN":
    case "WITHHELD":
    case "BAD_USER_INPUT":
    case "NOT_FOUND":
    case "CONFLICT":
    case "QUERY_TOO_COMPLEX":
    case "SERVICE_UNAVAILABLE":
    case "GRAPHQL_PARSE_FAILED":
    case "PERSISTED_QUERY_NOT_FOUND":
    case "BAD_REQUEST":
    case "OPERATION_RESOLUTION_FAILURE":
      return "AS_IS";
    default: {
      const never: never = code;
      return never;
    }
  }
}

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
  const code = formatted.extensions?.["code"] ?? "INTERNAL_SERVER_ERROR";
  const tokens = /Document contains more tha[nt] (\d+) tokens/.exec(formatted.message);
  if (code === "GRAPHQL_PARSE_FAILED" && tokens) {
    // the parser's token limit (parseOptions.maxTokens) is one of the query limits
    return {
      message: `Query too complex: more tokens than the limit of ${tokens[1]}`,
      extensions: { code: "QUERY_TOO_COMPLEX" },
    };
  }
  const shown = isClientErrorCode(code) ? howShown(code, production) : "MASKED";
  switch (shown) {
    case "AS_IS":
      return { ...formatted, extensions: { code } };
    case "WITHOUT_SUGGESTIONS":
      return {
        ...formatted,
        message: formatted.message.replace(/ Did you mean .*$/, ""),
        extensions: { code },
      };
    case "MASKED":
      log.error({ err: original, path: formatted.path }, "unexpected error in request");
      return {
        message: "Unexpected error.",
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      };
    default: {
      const never: never = shown;
      return never;
    }
  }
}
