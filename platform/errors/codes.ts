// Every error the hub returns to a client carries one of these codes in `extensions.code`.
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
