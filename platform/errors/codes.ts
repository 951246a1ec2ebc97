// Every code the hub puts in an error's `extensions.code`, in one list: the hub's own (carried
// by domain errors) and those of a request the GraphQL layer refuses before executing it. The
// error formatter (server/format-error.ts) switches over this list exhaustively; anything else
// is unexpected, and masked.

/** Codes of the hub's own errors (DomainError). */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  WITHHELD: "WITHHELD",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes of a request refused before execution (Apollo Server's names; graphql-ws gets the same). */
export const RequestErrorCode = {
  GRAPHQL_PARSE_FAILED: "GRAPHQL_PARSE_FAILED",
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
  PERSISTED_QUERY_NOT_FOUND: "PERSISTED_QUERY_NOT_FOUND",
  BAD_REQUEST: "BAD_REQUEST",
  OPERATION_RESOLUTION_FAILURE: "OPERATION_RESOLUTION_FAILURE",
} as const;
export type RequestErrorCode = (typeof RequestErrorCode)[keyof typeof RequestErrorCode];

/** Every code a client may see. */
export type ClientErrorCode = ErrorCode | RequestErrorCode;

const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  ...Object.values(ErrorCode),
  ...Object.values(RequestErrorCode),
]);

export const isClientErrorCode = (value: unknown): value is ClientErrorCode =>
  typeof value === "string" && CLIENT_ERROR_CODES.has(value);

export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case "UNAUTHENTICATED":
      return 401;
    case "FORBIDDEN":
      return 403;
    case "BAD_USER_INPUT":
    case "QUERY_TOO_COMPLEX":
      return 400;
    case "NOT_FOUND":
      return 404;
    case "CONFLICT":
      return 409;
    case "SERVICE_UNAVAILABLE":
      return 503;
    case "WITHHELD":
    case "INTERNAL_SERVER_ERROR":
      return 200;
    default: {
      const never: never = code;
      return never;
    }
  }
}
