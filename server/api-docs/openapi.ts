// GET /openapi.json: OpenAPI 3.1 for POST /events (the push API for agencies without Kafka),
// its status codes and every event payload, generated from the zod schemas that validate them.
import { AGENCY_NAMES, adapterForType } from "#connectors/registry.ts";
import type { EventType } from "./json-schema.ts";
import { eventSchemas, toJsonSchema, type JsonSchema } from "./json-schema.ts";
import { errorBodySchema, submitResultSchema } from "./hub-messages.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export function buildOpenApi(version = "1"): JsonSchema {
  const events = eventSchemas("draft-2020-12");
  const schemas: Record<string, unknown> = {};
  for (const [name, { type, schema }] of Object.entries(events)) {
    schemas[name] = {
      ...schema,
      title: type,
      description: `A ${type} event (topic ${topicOf(type)}).`,
    };
  }
  schemas["AgencyEvent"] = {
    description: "One agency event: the envelope of events.md with the payload of its type.",
    oneOf: Object.keys(events).map(ref),
    discriminator: {
      propertyName: "type",
      mapping: Object.fromEntries(
        Object.entries(events).map(([name, { type }]) => [type, `#/components/schemas/${name}`]),
      ),
    },
  };
  schemas["SubmitResult"] = toJsonSchema(submitResultSchema, "draft-2020-12");
  schemas["ErrorBody"] = toJsonSchema(errorBodySchema, "draft-2020-12");

  const error = (description: string, code: string) => ({
    description,
    content: {
      "application/json": {
        schema: ref("ErrorBody"),
        example: { errors: [{ message: description, extensions: { code } }] },
      },
    },
  });

  const results = (description: string) => ({
    description,
    content: {
      "application/json": {
        schema: {
          oneOf: [ref("SubmitResult"), { type: "array", items: ref("SubmitResult") }],
        },
      },
    },
  });

  return {
    openapi: "3.1.0",
    info: {
      title: "MASH hub: agency push API",
      version,
      description:
        "For agency systems without Kafka: POST the same JSON events the Kafka topics carry " +
        "(one event, or an array of them) to /events with an AGENCY_SYSTEM bearer token for " +
        "your own agency. Each event is validated exactly as on Kafka; an accepted event is " +
        "stored once per (source, eventId), however often it is sent. See docs/integrating.md.",
    },
    servers: [{ url: "/", description: "this hub" }],
    security: [{ bearer: [] }],
    paths: {
      "/events": {
        post: {
          operationId: "submitEvents",
          summary: "Submit one agency event or a batch",
          description:
            "Answers with one result per event, in order: accepted, or the validation issues " +
            "(each with its path). The status says what happened: 202 stored now, 200 a " +
            "duplicate (the same (source, eventId) and content was stored before), 400 not JSON, " +
            "413 too large, 422 refused. A batch is 202 when every event went in and 422 when " +
            "any was refused; resending it is safe. A second event with the same (source, " +
            "eventId) and different content is refused (CONFLICT). A refused event is kept for " +
            "review by a MASH manager for REJECTED_EVENT_RETENTION_DAYS.",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  oneOf: [ref("AgencyEvent"), { type: "array", items: ref("AgencyEvent") }],
                },
              },
            },
          },
          responses: {
            "202": results("Stored now (for a batch: every event stored or a duplicate)"),
            "200": results("A duplicate: the same event was stored before"),
            "400": results("Not JSON (or not UTF-8): reason NOT_JSON"),
            "422": results("Refused, with every issue (for a batch: at least one event refused)"),
            "401": error("A bearer token is required", "UNAUTHENTICATED"),
            "403": error("This agency system may submit POLICE events only", "FORBIDDEN"),
            "413": results(
              "The request is larger than MAX_REQUEST_BYTES, or the event than the event limit",
            ),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: `A JWT with role AGENCY_SYSTEM and agency (one of ${AGENCY_NAMES.join(", ")}).`,
        },
      },
      schemas,
    },
  };
}

/** The Kafka topic that carries events of this type. */
export function topicOf(type: EventType): string {
  const adapter = adapterForType(type);
  if (!adapter) throw new Error(`${type}: no agency sends this type (connectors/registry.ts)`);
  return adapter.topic;
}
