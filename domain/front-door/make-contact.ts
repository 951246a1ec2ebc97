// Makes a MASH contact (a notification) of the front door's kinds, inside the caller's
// transaction: the row, its announcement on mash.notifications.v1, and for a proposed RED the
// same alerts as an agency event's (the duty inbox by e-mail, every MASH user in the app).
// The triggering record is the referral or step-up request itself (its id is unique).
import type { Tx } from "#db/client.ts";
import { enqueueOutbox } from "#outbox/enqueue.ts";
import { raiseAlerts } from "#alerts/raise-alerts.ts";
import { MASH_DUTY, ROLE_MASH } from "#alerts/recipients.ts";
import { dueBy, type Timescales } from "#notifications/due-by.ts";
import {
  mapNotification,
  notificationMessage,
  type Notification,
  type NotificationKind,
} from "#notifications/map-notification.ts";
import type { ProposedRating } from "./propose-rating.ts";

export async function makeContact(
  tx: Tx,
  contact: {
    id: string;
    personId: string;
    kind: Exclude<NotificationKind, "AGENCY_EVENT">;
    /** The referral's or step-up request's id. */
    recordId: string;
    rating: ProposedRating;
    createdAt: Date;
  },
  /** The partnership's decision timescales (MASH_TIMESCALES): dueBy from the proposed rating. */
  timescales: Timescales,
): Promise<Notification> {
  const row = await tx.mashNotification.create({
    data: {
      id: contact.id,
      personId: contact.personId,
      kind: contact.kind,
      triggeringEventId: contact.recordId,
      createdAt: contact.createdAt,
      dueBy: dueBy(contact.rating.proposed, contact.createdAt, timescales),
      proposedRag: contact.rating.proposed,
      reasons: contact.rating.reasons as unknown as object[],
      ruleVersion: contact.rating.ruleVersion,
    },
  });
  const notification = mapNotification(row);
  await enqueueOutbox(
    tx,
    "mash.notifications.v1",
    notification.childId,
    notificationMessage(notification, "CREATED"),
  );
  if (notification.proposedRag === "RED") {
    await raiseAlerts(tx, notification, "PROPOSED_RED", [
      { recipient: MASH_DUTY, email: undefined, channels: ["EMAIL"] },
      { recipient: ROLE_MASH, email: undefined, channels: ["IN_APP"] },
    ]);
  }
  return notification;
}
