// What the hub itself publishes (contract: events.md, "What the hub publishes"), as zod schemas:
// the AsyncAPI document is generated from these, and a unit test holds the hub's own message
// builders to them.
import { z } from "zod";

const rag = z.enum(["RED", "AMBER", "GREEN"]);
const dateTime = z.iso.datetime({ offset: true });

export const notificationMessageSchema = z
  .object({
    change: z
      .string()
      .describe(
        "What happened: CREATED, SCREENED, STEPPED_UP; DECIDED, ESCALATION_RAISED, ESCALATION_RESOLVED, DAILY_DISCUSSION_RECORDED, ACTION_COMPLETED (with the ids of what changed), …",
      ),
    notificationId: z.string(),
    kind: z
      .enum(["AGENCY_EVENT", "REFERRAL", "STEP_UP_REQUEST"])
      .optional()
      .describe("What made the contact (front-door.md)"),
    childId: z.string().describe("The hub's id of the child (no name or other identifier)"),
    status: z.enum(["AWAITING_SCREENING", "SCREENED", "STEPPED_UP", "CLOSED"]),
    proposedRag: rag,
    rag: rag.nullable(),
    ruleIds: z.array(z.string()),
    ruleVersion: z.number().int().nullable().optional(),
    triggeringEvents: z.array(z.string()),
    dueBy: dateTime,
    nextActions: z.array(z.string()),
    stepUpReason: z.enum(["CIN", "CP"]).nullable().optional(),
    at: dateTime,
  })
  .loose();

export const alertMessageSchema = z
  .object({
    change: z.enum(["RAISED", "ACKNOWLEDGED"]),
    alertId: z.string(),
    notificationId: z.string(),
    childId: z.string(),
    rag,
    recipient: z.string().describe("The recipient's user id (sub)"),
    channels: z.array(z.string()),
    stage: z.string().nullable().optional(),
    raisedAt: dateTime,
    acknowledgedAt: dateTime.nullable(),
    acknowledgedBy: z.string().nullable(),
  })
  .loose();

const rejectReason = z.enum([
  "TOO_LARGE",
  "NOT_JSON",
  "UNKNOWN_TYPE",
  "TYPE_SOURCE_MISMATCH",
  "INVALID",
  "CONFLICT",
  "PROCESSING_FAILED",
]);

export const deadLetterSchema = z.object({
  originalBase64: z.string().describe("The original message bytes, base64"),
  topic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  reason: rejectReason,
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
  eventId: z.string().nullable(),
  source: z.string().nullable(),
  at: dateTime,
});

export const submitResultSchema = z.object({
  accepted: z.boolean(),
  eventId: z.string(),
  childId: z.string().nullable().describe("The child the event was linked to (when accepted)"),
  duplicate: z
    .boolean()
    .describe("True when this (source, eventId) was already stored with the same content"),
  issues: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .describe("Every validation issue, each with its path (e.g. payload.injury)"),
  reason: rejectReason.optional().describe("Why the event was refused (absent when accepted)"),
});

export const errorBodySchema = z.object({
  errors: z.array(
    z.object({
      message: z.string(),
      extensions: z.object({ code: z.string() }),
    }),
  ),
});
