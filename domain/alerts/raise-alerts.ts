// Persists alerts (first), announces them on the outbox and, for in-app ones, NOTIFYs the live
// channel, all inside the caller's transaction. E-mail goes later through the e-mail worker.
import type { SqlTx as Tx } from "#db/sql-tx.ts";
import type { Alert as AlertRow } from "#db/generated/client.ts";
import { enqueueOutboxMany } from "#outbox/enqueue.ts";
import type { Notification } from "#notifications/map-notification.ts";
import type { Rag } from "#rag/index.ts";
import { alertMessage, mapAlert, type Alert } from "./map-alert.ts";
import { notifyAlertsRaised } from "./live-channel.ts";
import { MASH_DUTY, type Channel } from "./recipients.ts";

/**
 * Why the alert is raised. (notification, recipient, stage) is raised once, so an escalation's
 * stage names the escalation: a second disagreement about one contact alerts again.
 */
export type AlertStage =
  "PROPOSED_RED" | "SCREENED" | "STEP_UP_REQUEST" | "DECIDED" | "OVERDUE" | `ESCALATION:${string}`;

export interface AlertTarget {
  recipient: string;
  /** The address to e-mail; MASH_DUTY's is taken from configuration when the e-mail is sent. */
  email: string | undefined;
  channels: Channel[];
}

export async function raiseAlerts(
  tx: Tx,
  notification: Pick<Notification, "id" | "childId">,
  stage: AlertStage,
  targets: AlertTarget[],
  rag: Rag = "RED",
): Promise<Alert[]> {
  return raiseAlertsMany(tx, [{ notification, stage, targets, rag }]);
}

export interface AlertRequest {
  notification: Pick<Notification, "id" | "childId">;
  stage: AlertStage;
  targets: AlertTarget[];
  rag: Rag;
}

/** Alerts for several notifications: one insert, one outbox insert and one NOTIFY statement. */
export async function raiseAlertsMany(tx: Tx, requests: readonly AlertRequest[]): Promise<Alert[]> {
  const rows: Array<{
    notificationId: string;
    childId: string;
    rag: Rag;
    recipient: string;
    email: string | null;
    channels: string;
    stage: string;
    emailStatus: string;
  }> = [];
  for (const r of requests) {
    for (const target of dedupe(r.targets)) {
      const emailable =
        target.channels.includes("EMAIL") &&
        (target.email !== undefined || target.recipient === MASH_DUTY);
      const channels = target.channels.filter((c) => c !== "EMAIL" || emailable);
      if (channels.length === 0) continue;
      rows.push({
        notificationId: r.notification.id,
        childId: r.notification.childId,
        rag: r.rag,
        recipient: target.recipient,
        email: target.email ?? null,
        channels: channels.join(","),
        stage: r.stage,
        emailStatus: emailable ? "PENDING" : "NOT_REQUIRED",
      });
    }
  }
  if (rows.length === 0) return [];
  // (notification, recipient, stage) is raised once
  const made = await tx.$queryRaw<AlertRow[]>`
    INSERT INTO "Alert" ("id", "notificationId", "rag", "recipient", "recipientEmail", "channels",
      "stage", "emailStatus")
    SELECT gen_random_uuid(), a.n, a.rag, a.recipient, a.email, string_to_array(a.channels, ','),
           a.stage, a.status
      FROM unnest(${rows.map((r) => r.notificationId)}::uuid[], ${rows.map((r) => r.rag)}::text[],
                  ${rows.map((r) => r.recipient)}::text[], ${rows.map((r) => r.email)}::text[],
                  ${rows.map((r) => r.channels)}::text[], ${rows.map((r) => r.stage)}::text[],
                  ${rows.map((r) => r.emailStatus)}::text[]) WITH ORDINALITY
        AS a(n, rag, recipient, email, channels, stage, status, i)
     ORDER BY a.i
    ON CONFLICT ("notificationId", "recipient", "stage") DO NOTHING
    RETURNING *`;
  const childOf = new Map(rows.map((r) => [r.notificationId, r.childId]));
  const raised = made.map((row) =>
    mapAlert({ ...row, notification: { personId: childOf.get(row.notificationId) ?? "" } }),
  );
  await enqueueOutboxMany(
    tx,
    raised.map((alert) => ({
      topic: "mash.alerts.v1" as const,
      key: alert.childId,
      payload: alertMessage(alert, "RAISED"),
    })),
  );
  // Every hub hears it on commit: subscribers of in-app alerts, and the e-mail worker.
  await notifyAlertsRaised(
    tx,
    raised.map((a) => a.id),
  );
  return raised;
}

/** One alert per recipient: the lead professional may also be the early help manager. */
function dedupe(targets: AlertTarget[]): AlertTarget[] {
  const seen = new Map<string, AlertTarget>();
  for (const t of targets) {
    const prev = seen.get(t.recipient);
    seen.set(t.recipient, prev ? { ...prev, email: prev.email ?? t.email } : t);
  }
  return [...seen.values()];
}
