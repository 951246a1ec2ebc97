import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import type { GqlError } from "./types.ts";

/** The GraphQL errors of an Apollo result (or a network problem as one error). */
export function errorsOf(error: unknown): GqlError[] {
  if (!error) return [];
  if (CombinedGraphQLErrors.is(error)) return error.errors as GqlError[];
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: GqlError[] };
      if (body.errors?.length) return body.errors;
    } catch {
      /* not JSON */
    }
    return [{ message: `The hub answered ${error.statusCode}`, extensions: { code: "HTTP" } }];
  }
  return [{ message: error instanceof Error ? error.message : String(error) }];
}

export const isForbidden = (errors: GqlError[]) =>
  errors.some(
    (e) => e.extensions?.["code"] === "FORBIDDEN" || e.extensions?.["code"] === "NOT_FOUND",
  );
