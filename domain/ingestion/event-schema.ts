// The agency event envelope, and for each agency in the connectors' registry the whole event of
// its type (contract: events.md). Kafka and the push API validate with these same schemas, so
// both accept and reject the same events.
import { z } from "zod";
import { isValidNhsNumber, isValidUpn } from "#identity/identifiers.ts";
import { isoDate, isoDateTime, text } from "#connectors/shared/fields.ts";
import type { AgencyAdapter } from "#connectors/shared/adapter.ts";
import { AGENCY_ADAPTERS, AgencyName, type RegisteredAdapter } from "#connectors/registry.ts";

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

const eventSchemas = new Map<AgencyAdapter, z.ZodType>(
  AGENCY_ADAPTERS.map((a) => [
    a,
    z.object({ ...envelopeShape, type: z.literal(a.eventType), payload: a.payload }),
  ]),
);

/** The whole event of this adapter's type: the envelope with its payload schema. */
export function eventSchemaOf(adapter: AgencyAdapter): z.ZodType {
  const schema = eventSchemas.get(adapter);
  if (!schema) throw new Error(`adapter for ${adapter.eventType} is not in the registry`);
  return schema;
}

type Envelope = Omit<z.infer<typeof envelopeSchema>, "source" | "type" | "payload">;

type EventOf<A> = A extends RegisteredAdapter
  ? Envelope & { source: A["source"]; type: A["eventType"]; payload: z.output<A["payload"]> }
  : never;

/** A validated agency event: a discriminated union on `type`, one member per adapter. */
export type AgencyEvent = EventOf<RegisteredAdapter>;

export type SubjectInput = z.infer<typeof subjectSchema>;
