// Persists alerts (first), announces them on the outbox and, for in-app ones, NOTIFYs the live
// channel, all inside the caller's transaction. E-mail goes later through the e-mail worker.
import { randomUUID } from "node:crypto";
import type { Tx } from "#db/client.ts";
import { enqueueOutbox } from "#outbox/enqueue.ts";
import type { Notification } from "#notifications/map-notification.ts";
import type { Rag } from "#rag/index.ts";
import { alertMessage, mapAlert, type Alert } from "./map-alert.ts";
import { notifyAlertRaised } from "./live-channel.ts";
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
  const raised: Alert[] = [];
  for (const target of dedupe(targets)) {
    const emailable =
      target.channels.includes("EMAIL") &&
      (target.email !== undefined || target.recipient === MASH_DUTY);
    const channels = target.channels.filter((c) => c !== "EMAIL" || emailable);
    if (channels.length === 0) continue;
    const id = randomUUID();
    const made = await tx.alert.createMany({
      data: [
        {
          id,
          notificationId: notification.id,
          rag,
          recipient: target.recipient,
          recipientEmail: target.email ?? null,
          channels,
          stage,
          emailStatus: emailable ? "PENDING" : "NOT_REQUIRED",
        },
      ],
      skipDuplicates: true, // (notification, recipient, stage) is raised once
    });
    if (made.count === 0) continue;
    const alert = mapAlert(
      await tx.alert.findUniqueOrThrow({
        where: { id },
        include: { notification: { select: { personId: true } } },
      }),
    );
    await enqueueOutbox(tx, "mash.alerts.v1", alert.childId, alertMessage(alert, "RAISED"));
    // Every hub hears it on commit: subscribers of in-app alerts, and the e-mail worker.
    await notifyAlertRaised(tx, alert.id);
    raised.push(alert);
  }
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
