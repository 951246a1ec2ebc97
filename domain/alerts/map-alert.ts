// The one mapping from an Alert row (with its notification's child) to what services return.
import type { Alert as AlertRow } from "#db/generated/client.ts";
import { isRag, type Rag } from "#rag/index.ts";

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
}

export function mapAlert(row: AlertRow & { notification: { personId: string } }): Alert {
  if (!isRag(row.rag)) throw new Error(`alert ${row.id} has an unknown rating`);
  return {
    id: row.id,
    notificationId: row.notificationId,
    childId: row.notification.personId,
    rag: row.rag,
    raisedAt: row.raisedAt,
    acknowledgedAt: row.acknowledgedAt,
    acknowledgedBy: row.acknowledgedBy,
    recipient: row.recipient,
    channels: row.channels,
    stage: row.stage,
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
