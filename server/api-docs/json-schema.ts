// JSON Schema from the zod schemas that validate events, for the OpenAPI and AsyncAPI documents:
// what the hub checks is what the documents describe, so the two cannot drift apart. Checks that
// JSON Schema cannot say (NHS number and UPN check digits, calendar dates, a date of birth or a
// due date) are described in words.
import { z } from "zod";
import { envelopeSchema, eventSchemaOf } from "#ingestion/event-schema.ts";
import { AGENCY_ADAPTERS } from "#connectors/registry.ts";

/** An agency event type, e.g. police.merlin.v1 (connectors/registry.ts lists them). */
export type EventType = string;

type Target = "draft-2020-12" | "draft-7";
export type JsonSchema = Record<string, unknown>;

const WORDS: Record<string, string> = {
  nhsNumber: "NHS number: 10 digits with a valid modulus-11 check digit",
  upn: "Unique pupil number: a check letter and 12 digits, with a valid check letter",
  dateOfBirth:
    "YYYY-MM-DD (a real calendar date); required unless expectedDueDate is given (an unborn child)",
  expectedDueDate: "YYYY-MM-DD, for an unborn child",
};

/** Removes `$schema` (the documents say their dialect) and adds the words for unsayable checks. */
function tidy(schema: unknown, key?: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => tidy(s));
  if (!schema || typeof schema !== "object") return schema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === "$schema") continue;
    out[k] =
      k === "properties" && v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, tidy(s, p)]))
        : tidy(v);
  }
  if (key && WORDS[key] && !out["description"]) out["description"] = WORDS[key];
  return out;
}

export function toJsonSchema(schema: z.ZodType, target: Target): JsonSchema {
  return tidy(
    z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target }),
  ) as JsonSchema;
}

export const EVENT_TYPE_NAMES: EventType[] = AGENCY_ADAPTERS.map((a) => a.eventType);

/** One schema per event type, keyed by a component-safe name (police.merlin.v1 → PoliceMerlinV1). */
export function eventSchemas(
  target: Target,
): Record<string, { type: EventType; schema: JsonSchema }> {
  return Object.fromEntries(
    AGENCY_ADAPTERS.map((a) => [
      componentName(a.eventType),
      { type: a.eventType, schema: toJsonSchema(eventSchemaOf(a), target) },
    ]),
  );
}

export function envelopeJsonSchema(target: Target): JsonSchema {
  return toJsonSchema(envelopeSchema, target);
}

export function componentName(type: string): string {
  return type
    .split(/[.-]/)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join("");
}
