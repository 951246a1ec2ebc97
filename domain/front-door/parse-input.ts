// Every front door mutation's input is checked with zod; a bad input is refused with one
// BAD_USER_INPUT error that names each bad field (message, and `issues` with their paths).
import type { z } from "zod";
import { badInput, type DomainError } from "#errors/domain-error.ts";
import { formatPath } from "#ingestion/validate-event.ts";
import type { ValidationIssue } from "./types.ts";

/** A missing field says so, rather than "expected string, received undefined". */
const requiredMessage = (issue: { input?: unknown; code?: string }) =>
  issue.code === "invalid_type" && issue.input === undefined ? "is required" : undefined;

export function inputIssues<T>(
  schema: z.ZodType<T>,
  value: unknown,
): { ok: true; data: T } | { ok: false; issues: ValidationIssue[] } {
  const result = schema.safeParse(value, { error: requiredMessage });
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
  };
}

export function invalid(issues: ValidationIssue[]): DomainError {
  return badInput(`Invalid input: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, {
    issues,
    fields: [...new Set(issues.map((i) => i.path))],
  });
}

/** The parsed input, or a BAD_USER_INPUT error naming every bad field. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = inputIssues(schema, value);
  if (!parsed.ok) throw invalid(parsed.issues);
  return parsed.data;
}
