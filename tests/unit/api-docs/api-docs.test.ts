// /openapi.json and /asyncapi.json, checked by their official parsers, and held to the hub: every
// event type the hub validates is described, and the hub's own published messages match the
// schemas the AsyncAPI document gives for them.
import { describe, expect, it } from "@jest/globals";
import { validate } from "@readme/openapi-parser";
import { Parser, DiagnosticSeverity } from "@asyncapi/parser";
import { buildOpenApi } from "#server/api-docs/openapi.ts";
import { buildAsyncApi } from "#server/api-docs/asyncapi.ts";
import {
  alertMessageSchema,
  deadLetterSchema,
  notificationMessageSchema,
} from "#server/api-docs/hub-messages.ts";
import { AGENCY_ADAPTERS } from "#connectors/registry.ts";
import { HUB_TOPICS } from "#kafka/topics.ts";
import { notificationMessage, type Notification } from "#notifications/map-notification.ts";
import { alertMessage, type Alert } from "#alerts/map-alert.ts";
import { deadLetter } from "#consumers/dead-letter.ts";

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("the OpenAPI document for POST /events", () => {
  const doc = buildOpenApi() as Doc;

  it("is valid OpenAPI 3.1 by @readme/openapi-parser", async () => {
    const result = await validate(structuredClone(doc) as Parameters<typeof validate>[0]);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(doc["openapi"]).toBe("3.1.0");
  });

  it("describes every event type the hub validates, and each status code", () => {
    const mapping = doc["components"].schemas.AgencyEvent.discriminator.mapping as Record<
      string,
      string
    >;
    expect(Object.keys(mapping).sort()).toEqual(AGENCY_ADAPTERS.map((a) => a.eventType).sort());
    const police = doc["components"].schemas.PoliceMerlinV1;
    expect(police.properties.payload.properties.category.enum).toContain("DOMESTIC_ABUSE");
    expect(police.properties.subject.properties.nhsNumber.description).toMatch(/modulus-11/);
    const responses = doc["paths"]["/events"].post.responses;
    expect(Object.keys(responses).sort()).toEqual([
      "200",
      "202",
      "400",
      "401",
      "403",
      "413",
      "422",
    ]);
  });
});

describe("the AsyncAPI document for the Kafka topics", () => {
  const doc = buildAsyncApi() as Doc;

  it("is valid AsyncAPI 3 by @asyncapi/parser", async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(doc));
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    expect(errors.map((e) => `${e.path.join(".")}: ${e.message}`)).toEqual([]);
    expect(document?.version()).toBe("3.0.0");
    expect(
      document
        ?.channels()
        .all()
        .map((c) => c.address())
        .sort(),
    ).toEqual([...AGENCY_ADAPTERS.map((a) => a.topic), ...Object.values(HUB_TOPICS)].sort());
  });

  it("has the hub receive every agency topic and send its own, with the keys", () => {
    const ops = Object.values(doc["operations"]) as Doc[];
    expect(ops.filter((o) => o["action"] === "receive")).toHaveLength(AGENCY_ADAPTERS.length);
    expect(ops.filter((o) => o["action"] === "send")).toHaveLength(3);
    const police = doc["components"].messages.PoliceMerlinV1;
    expect(police.bindings.kafka.key.description).toMatch(/subject\.sourcePersonId/);
    expect(doc["components"].messages.DeadLetter.payload.properties.reason.enum).toContain(
      "CONFLICT",
    );
  });
});

describe("the hub's published messages match what the AsyncAPI document says", () => {
  const at = new Date("2026-11-20T21:14:00Z");
  it("mash.notifications.v1", () => {
    const n: Notification = {
      id: "n1",
      childId: "c1",
      kind: "REFERRAL",
      createdAt: at,
      dueBy: at,
      status: "SCREENED",
      proposedRag: "AMBER",
      rag: "AMBER",
      reasons: [
        { ruleId: "POLICE_DOMESTIC_ABUSE", rag: "AMBER", description: "x", evidence: ["e1"] },
      ],
      triggeringEvents: ["e1"],
      rationale: "r",
      screenedBy: "s",
      screenedAt: at,
      nextActions: ["DAILY_DISCUSSION_MEETING"],
      ruleVersion: 1,
      stepUpReason: null,
      stepUpRationale: null,
      steppedUpBy: null,
      steppedUpAt: null,
    };
    expect(
      notificationMessageSchema.safeParse(notificationMessage(n, "SCREENED")).error,
    ).toBeUndefined();
    // the front door's changes carry the contact as it stands and the ids of what changed
    const decided = {
      ...notificationMessage({ ...n, status: "CLOSED" }, "DECIDED"),
      outcome: "EARLY_HELP",
      withinTimescale: true,
    };
    expect(notificationMessageSchema.safeParse(decided).error).toBeUndefined();
  });
  it("mash.alerts.v1", () => {
    const a: Alert = {
      id: "a1",
      notificationId: "n1",
      childId: "c1",
      rag: "RED",
      raisedAt: at,
      acknowledgedAt: null,
      acknowledgedBy: null,
      recipient: "ehm-1",
      channels: ["IN_APP", "EMAIL"],
      stage: "SCREENED",
      acknowledgements: [],
    };
    expect(alertMessageSchema.safeParse(alertMessage(a, "RAISED")).error).toBeUndefined();
  });
  it("agency.dlq.v1", () => {
    const letter = deadLetter({
      raw: Buffer.from("{}"),
      topic: "agency.police.v1",
      partition: 0,
      offset: "42",
      reason: "INVALID",
      issues: [{ path: "payload", message: "is required" }],
      eventId: undefined,
      source: "POLICE",
    });
    expect(deadLetterSchema.safeParse(letter).error).toBeUndefined();
  });
});
