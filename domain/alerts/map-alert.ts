// The one mapping from an Alert row (with its notification's child) to what services return.
// An alert to a role inbox is acknowledged per user: seen by one viewer, acknowledgedAt and
// acknowledgedBy are that viewer's own acknowledgement (another user's does not clear it).
import type { Alert as AlertRow, AlertAcknowledgement as AckRow } from "#db/generated/client.ts";
import { isRag, type Rag } from "#rag/index.ts";
import { isRoleInbox } from "./recipients.ts";

export interface AlertAcknowledgement {
  by: string;
  at: Date;
}

export interface Alert {
  id: string;
  notificationId: string;
  childId: string;
  rag: Rag;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  recipient: string;
  channels: string[];
  stage: string;
  /** Everyone who acknowledged it, oldest first. */
  acknowledgements: AlertAcknowledgement[];
}

export type AlertRowWithChild = AlertRow & {
  notification: { personId: string };
  acknowledgements?: AckRow[];
};

/** `viewer`: the user the alert is shown to (their own acknowledgement of a role inbox's alert). */
export function mapAlert(row: AlertRowWithChild, viewer?: string): Alert {
  if (!isRag(row.rag)) throw new Error(`alert ${row.id} has an unknown rating`);
  const acknowledgements = (row.acknowledgements ?? [])
    .map((a) => ({ by: a.userId, at: a.acknowledgedAt }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.by.localeCompare(b.by));
  const own = viewer ? acknowledgements.find((a) => a.by === viewer) : undefined;
  const shared = isRoleInbox(row.recipient);
  return {
    id: row.id,
    notificationId: row.notificationId,
    childId: row.notification.personId,
    rag: row.rag,
    raisedAt: row.raisedAt,
    acknowledgedAt: shared ? (own?.at ?? null) : row.acknowledgedAt,
    acknowledgedBy: shared ? (own?.by ?? null) : row.acknowledgedBy,
    recipient: row.recipient,
    channels: row.channels,
    stage: row.stage,
    acknowledgements,
  };
}

/** The announcement of an alert change on mash.alerts.v1 (ids and codes only). */
export function alertMessage(a: Alert, change: "RAISED" | "ACKNOWLEDGED"): Record<string, unknown> {
  return {
    change,
    alertId: a.id,
    notificationId: a.notificationId,
    childId: a.childId,
    rag: a.rag,
    recipient: a.recipient,
    channels: a.channels,
    stage: a.stage,
    raisedAt: a.raisedAt.toISOString(),
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: a.acknowledgedBy,
  };
}
