// The agency event envelope and the registry of event types (contract: events.md). Kafka and the
// push API validate with these same schemas, so both accept and reject the same events.
import { z } from "zod";
import { AgencyName } from "#auth/viewer.ts";
import { isValidNhsNumber, isValidUpn } from "#identity/identifiers.ts";
import { isoDate, isoDateTime, text } from "#connectors/shared/fields.ts";
import { CPIS_EVENT_TYPE, cpisPlanPayload } from "#connectors/cpis/event-schema.ts";
import { POLICE_EVENT_TYPE, policeMerlinPayload } from "#connectors/police/event-schema.ts";
import { HEALTH_EVENT_TYPE, edAttendancePayload } from "#connectors/health/event-schema.ts";
import {
  EDUCATION_EVENT_TYPE,
  schoolAttendancePayload,
} from "#connectors/education/event-schema.ts";
import {
  EARLY_HELP_EVENT_TYPE,
  earlyHelpEpisodePayload,
} from "#connectors/earlyhelp/event-schema.ts";

export const subjectSchema = z
  .object({
    sourcePersonId: text(100),
    nhsNumber: z
      .string()
      .refine(isValidNhsNumber, "must be 10 digits with a valid modulus-11 check digit")
      .nullish(),
    upn: z
      .string()
      .refine(isValidUpn, "must be a check letter and 12 digits, with a valid check letter")
      .nullish(),
    givenName: z.string().trim().max(100).nullish(),
    familyName: z.string().trim().max(100).nullish(),
    dateOfBirth: isoDate.nullish(),
    expectedDueDate: isoDate.nullish(),
    postcode: z.string().trim().max(10).nullish(),
  })
  .superRefine((s, ctx) => {
    if (!s.dateOfBirth && !s.expectedDueDate) {
      ctx.addIssue({
        code: "custom",
        path: ["dateOfBirth"],
        message: "is required unless expectedDueDate is given (an unborn child)",
      });
    }
  });

/** Each event type, the source it belongs to, and its payload schema. */
export const EVENT_TYPES = {
  [CPIS_EVENT_TYPE]: { source: "CPIS", payload: cpisPlanPayload },
  [POLICE_EVENT_TYPE]: { source: "POLICE", payload: policeMerlinPayload },
  [HEALTH_EVENT_TYPE]: { source: "HEALTH", payload: edAttendancePayload },
  [EDUCATION_EVENT_TYPE]: { source: "EDUCATION", payload: schoolAttendancePayload },
  [EARLY_HELP_EVENT_TYPE]: { source: "EARLY_HELP", payload: earlyHelpEpisodePayload },
} as const satisfies Record<string, { source: AgencyName; payload: z.ZodType }>;

export type EventType = keyof typeof EVENT_TYPES;

export const isEventType = (value: unknown): value is EventType =>
  typeof value === "string" && Object.hasOwn(EVENT_TYPES, value);

const envelopeShape = {
  eventId: text(200),
  source: AgencyName,
  type: z.string({ error: "must be one of the event types in events.md" }),
  occurredAt: isoDateTime,
  subject: subjectSchema,
};

/** The envelope alone, for events whose type is unknown (their payload cannot be checked). */
export const envelopeSchema = z.object({
  ...envelopeShape,
  payload: z.record(z.string(), z.unknown(), { error: "must be an object" }),
});

function eventSchema<T extends EventType>(type: T) {
  return z.object({
    ...envelopeShape,
    type: z.literal(type),
    payload: EVENT_TYPES[type].payload as (typeof EVENT_TYPES)[T]["payload"],
  });
}

export const EVENT_SCHEMAS = {
  [CPIS_EVENT_TYPE]: eventSchema(CPIS_EVENT_TYPE),
  [POLICE_EVENT_TYPE]: eventSchema(POLICE_EVENT_TYPE),
  [HEALTH_EVENT_TYPE]: eventSchema(HEALTH_EVENT_TYPE),
  [EDUCATION_EVENT_TYPE]: eventSchema(EDUCATION_EVENT_TYPE),
  [EARLY_HELP_EVENT_TYPE]: eventSchema(EARLY_HELP_EVENT_TYPE),
} as const;

/** A validated agency event: a discriminated union on `type`. */
export type AgencyEvent = {
  [T in EventType]: z.infer<(typeof EVENT_SCHEMAS)[T]>;
}[EventType];

export type SubjectInput = z.infer<typeof subjectSchema>;
