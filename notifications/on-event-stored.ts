// Called by ingestion inside the event's transaction, after the agency record is stored:
// re-rates the child's whole picture, records the assessment, and makes the MASH notification
// (and RED alerts, and outbox rows) that rag-rules.md calls for. Owned by notifications/.
import type { Tx } from "../db/client.ts";
import type { AgencyName } from "../auth/viewer.ts";

export interface StoredEvent {
  /** InboundEvent.id (uuid) */
  inboundEventId: string;
  personId: string;
  source: AgencyName;
  occurredAt: Date;
}

export interface EventOutcome {
  notificationId: string | undefined;
}

export async function onEventStored(_tx: Tx, _event: StoredEvent): Promise<EventOutcome> {
  return { notificationId: undefined };
}
