// Every change the front door makes to a contact is announced on mash.notifications.v1 in the
// transaction that makes it: the contact as it now stands (as every notification message is),
// the change, and the ids of what changed. Ids and codes only.
import type { Tx } from "#db/client.ts";
import { enqueueOutbox } from "#outbox/enqueue.ts";
import { mapNotification, notificationMessage } from "#notifications/map-notification.ts";

export type FrontDoorChange =
  | "DECIDED"
  | "ESCALATION_RAISED"
  | "ESCALATION_RESOLVED"
  | "DAILY_DISCUSSION_RECORDED"
  | "ACTION_COMPLETED";

export async function announce(
  tx: Tx,
  notificationId: string,
  change: FrontDoorChange,
  ids: Record<string, string | boolean | null>,
): Promise<void> {
  const n = mapNotification(
    await tx.mashNotification.findUniqueOrThrow({ where: { id: notificationId } }),
  );
  await enqueueOutbox(tx, "mash.notifications.v1", n.childId, {
    ...notificationMessage(n, change),
    ...ids,
  });
}
