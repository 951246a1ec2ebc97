import type { Response } from "express";
import { DomainError } from "#errors/domain-error.ts";
import { httpStatusFor } from "#errors/codes.ts";

/**
 * Answers a domain error raised outside GraphQL execution (authentication, the push API) in the
 * GraphQL error shape, with its HTTP status. Returns false for anything else (left to `next`).
 */
export function sendDomainError(res: Response, error: unknown): boolean {
  if (!(error instanceof DomainError)) return false;
  res
    .status(httpStatusFor(error.code))
    .json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
  return true;
}
