// Notifications by id and by child, mapped. For Alert.notification and Child.notifications.
import type { Db } from "#db/client.ts";
import { mapNotification, type Notification } from "./map-notification.ts";

export async function getNotificationsByIds(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, Notification>> {
  const rows = await db.mashNotification.findMany({ where: { id: { in: [...ids] } } });
  return new Map(rows.map((r) => [r.id, mapNotification(r)]));
}

/** A child's notifications, newest first. */
export async function getNotificationsForChild(
  db: Db,
  childId: string,
  take = 100,
): Promise<Notification[]> {
  const rows = await db.mashNotification.findMany({
    where: { personId: childId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map(mapNotification);
}
