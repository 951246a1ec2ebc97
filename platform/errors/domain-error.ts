import { GraphQLError } from "graphql";
import type { ErrorCode } from "./codes.ts";

/** An error the user can act on. Its message must never contain personal data. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const unauthenticated = (why = "Authentication required") =>
  new DomainError("UNAUTHENTICATED", why);
export const forbidden = (why = "Not permitted") => new DomainError("FORBIDDEN", why);
export const badInput = (message: string, extensions: Record<string, unknown> = {}) =>
  new DomainError("BAD_USER_INPUT", message, extensions);
export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found`);
export const conflict = (message: string) => new DomainError("CONFLICT", message);

/** The one place a domain error becomes a GraphQL error. */
export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, code: error.code },
  });
}
