import type { ServerResponse } from "node:http";
import { DomainError } from "#errors/domain-error.ts";
import { httpStatusFor } from "#errors/codes.ts";

/** One error in the GraphQL error shape, with its HTTP status (node:http or express alike). */
export function sendGraphQLError(
  res: ServerResponse,
  status: number,
  message: string,
  code: string,
): void {
  const text = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
}

/**
 * Answers a domain error raised outside GraphQL execution (authentication, the push API) in the
 * GraphQL error shape, with its HTTP status. Returns false for anything else (left to `next`).
 */
export function sendDomainError(res: ServerResponse, error: unknown): boolean {
  if (!(error instanceof DomainError)) return false;
  sendGraphQLError(res, httpStatusFor(error.code), error.message, error.code);
  return true;
}
