// What each agency store receives: the child the event was linked to and the inbound event row.
export interface RecordContext {
  personId: string;
  /** InboundEvent.id; the store also sets that row's personId to personId. */
  inboundEventId: string;
  occurredAt: Date;
}

/** YYYY-MM-DD as the UTC midnight Date that Prisma stores in a DATE column. */
export const dateOnly = (value: string) => new Date(`${value}T00:00:00Z`);
export const optionalDateOnly = (value: string | null | undefined) =>
  value ? dateOnly(value) : null;
export const optionalInstant = (value: string | null | undefined) =>
  value ? new Date(value) : null;
