// An agency event as the tests change it: the envelope's fields, the subject and the payload.
export interface EventJson {
  eventId: string;
  subject: Record<string, unknown>;
  payload: Record<string, unknown>;
  [field: string]: unknown;
}
