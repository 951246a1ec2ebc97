// One validation for both ways in (Kafka and the push API): size, JSON, envelope, type and source,
// payload, identifiers and impossible values. Every issue is reported with its path.
import type { z } from "zod";
import { AGENCY_ADAPTERS, AgencyName, adapterForType } from "#connectors/registry.ts";
import { envelopeSchema, eventSchemaOf, type AgencyEvent } from "./event-schema.ts";
import { contentHash } from "./canonical-json.ts";
import { isCalendarDate } from "#connectors/shared/fields.ts";
import { MAX_EVENT_DEPTH, boundedJson, inspectJson, jsonPath, safeText } from "./json-shape.ts";

export interface ValidationIssue {
  /** e.g. "payload.injury", "subject.nhsNumber", "payload.otherPersons[1].role"; "$" is the whole message. */
  path: string;
  message: string;
}

export type RejectReason =
  | "TOO_LARGE"
  | "NOT_JSON"
  | "UNKNOWN_TYPE"
  | "TYPE_SOURCE_MISMATCH"
  | "INVALID"
  | "CONFLICT"
  | "PROCESSING_FAILED";

export type Validated =
  | { ok: true; event: AgencyEvent; body: Record<string, unknown>; hash: string }
  | {
      ok: false;
      reason: RejectReason;
      issues: ValidationIssue[];
      /** What could be read of the envelope, for the API's answer and the logs. */
      eventId: string | undefined;
      source: AgencyName | undefined;
    };

export interface ValidateOptions {
  maxBytes: number;
  now?: Date;
  /** How far in the future a timestamp may be (clock skew); 24 hours unless told. */
  futureToleranceMs?: number;
  /** The source a Kafka topic carries (agency.police.v1 carries POLICE events only). */
  expectedSource?: AgencyName;
}

export const DEFAULT_FUTURE_TOLERANCE_MS = 24 * 3_600_000;

export function validateEvent(raw: Buffer | string | object, options: ValidateOptions): Validated {
  const parsed = readBody(raw, options.maxBytes);
  if ("reason" in parsed) return { ...parsed, ok: false, eventId: undefined, source: undefined };
  const body = parsed.body;
  const textIssues = parsed.textIssues;
  const eventId = typeof body["eventId"] === "string" ? body["eventId"] : undefined;
  const sourceRead = AgencyName.safeParse(body["source"]);
  const source = sourceRead.success ? sourceRead.data : undefined;
  const type = body["type"];

  const issues: ValidationIssue[] = [...textIssues];
  let reason: RejectReason = "INVALID";
  if (options.expectedSource && source && source !== options.expectedSource) {
    reason = "TYPE_SOURCE_MISMATCH";
    issues.push({
      path: "source",
      message: `this topic carries ${options.expectedSource} events, not ${source}`,
    });
  }
  let result: z.ZodSafeParseResult<unknown>;
  const adapter = adapterForType(type);
  if (adapter) {
    const expected = adapter.source;
    if (source && source !== expected) {
      reason = "TYPE_SOURCE_MISMATCH";
      issues.push({
        path: "type",
        message: `${type} is an event type of ${expected}, not of ${source}`,
      });
    }
    result = eventSchemaOf(adapter).safeParse(body, { error: requiredMessage });
  } else {
    result = envelopeSchema.safeParse(body, { error: requiredMessage });
    if (typeof type === "string") {
      reason = "UNKNOWN_TYPE";
      issues.push({
        path: "type",
        message: `unknown event type; expected one of ${EVENT_TYPES}`,
      });
    }
  }
  if (!result.success) {
    for (const issue of result.error.issues) {
      issues.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  issues.push(...futureIssues(body, options));
  if (issues.length > 0) {
    const clean = issues.map((i) => ({ path: i.path, message: safeText(i.message) }));
    return { ok: false, reason, issues: dedupe(clean), eventId, source };
  }
  return { ok: true, event: result.data as AgencyEvent, body, hash: contentHash(body) };
}

const EVENT_TYPES = AGENCY_ADAPTERS.map((a) => a.eventType).join(", ");

/** A missing field says so, rather than "expected string, received undefined". */
const requiredMessage = (issue: { input?: unknown; code?: string }) =>
  issue.code === "invalid_type" && issue.input === undefined ? "is required" : undefined;

function readBody(
  raw: Buffer | string | object,
  maxBytes: number,
):
  | { body: Record<string, unknown>; textIssues: ValidationIssue[] }
  | { reason: RejectReason; issues: ValidationIssue[] } {
  let value: unknown = raw;
  if (typeof raw === "string" || Buffer.isBuffer(raw)) {
    const bytes = typeof raw === "string" ? Buffer.byteLength(raw) : raw.length;
    if (bytes > maxBytes) return tooLarge(bytes, maxBytes);
    let text: string;
    try {
      text = typeof raw === "string" ? raw : UTF8.decode(raw);
    } catch {
      return { reason: "NOT_JSON", issues: [{ path: "$", message: "is not valid UTF-8" }] };
    }
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { reason: "NOT_JSON", issues: [{ path: "$", message: notJson(error) }] };
    }
  }
  // before anything recursive (JSON.stringify, zod, the content hash) touches the value
  const shape = inspectJson(value);
  if (shape.tooDeep) {
    return {
      reason: "INVALID",
      issues: [{ path: "$", message: `is nested more than ${MAX_EVENT_DEPTH} levels deep` }],
    };
  }
  if (typeof raw !== "string" && !Buffer.isBuffer(raw)) {
    const bytes = Buffer.byteLength(boundedJson(raw));
    if (bytes > maxBytes) return tooLarge(bytes, maxBytes);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return {
      reason: "INVALID",
      issues: [{ path: "$", message: "must be one JSON object (the event envelope)" }],
    };
  }
  return { body: value as Record<string, unknown>, textIssues: shape.textIssues };
}

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** JSON.parse's reason without its quote of the input (which may be anyone's data). */
function notJson(error: unknown): string {
  const why = error instanceof Error ? error.message : "parse error";
  const position = /at position (\d+)/.exec(why)?.[1];
  if (/Unexpected end of JSON input/.test(why)) return "not valid JSON: it ends too early";
  return `not valid JSON${position !== undefined ? ` (at character ${position})` : ""}`;
}

function tooLarge(bytes: number, maxBytes: number) {
  return {
    reason: "TOO_LARGE" as const,
    issues: [{ path: "$", message: `the event is ${bytes} bytes; the limit is ${maxBytes}` }],
  };
}

/** Timestamps that cannot be true yet: beyond the tolerance for clock skew. */
function futureIssues(body: Record<string, unknown>, options: ValidateOptions): ValidationIssue[] {
  const now = (options.now ?? new Date()).getTime();
  const limit = now + (options.futureToleranceMs ?? DEFAULT_FUTURE_TOLERANCE_MS);
  const hours = Math.round((limit - now) / 3_600_000);
  const issues: ValidationIssue[] = [];
  const subject = asRecord(body["subject"]);
  const payload = asRecord(body["payload"]);
  const instants: Array<[string, unknown]> = [["occurredAt", body["occurredAt"]]];
  for (const field of adapterForType(body["type"])?.notInFuture ?? []) {
    instants.push([`payload.${field}`, payload[field]]);
  }
  for (const [path, value] of instants) {
    if (typeof value !== "string") continue;
    const t = Date.parse(value);
    if (!Number.isNaN(t) && t > limit) {
      issues.push({ path, message: `is more than ${hours} hours in the future` });
    }
  }
  const dob = subject["dateOfBirth"];
  if (typeof dob === "string" && isCalendarDate(dob) && Date.parse(`${dob}T00:00:00Z`) > limit) {
    issues.push({ path: "subject.dateOfBirth", message: "is in the future" });
  }
  return issues;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return jsonPath(path);
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
