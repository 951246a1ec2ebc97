// The caller's own in-app alerts, newest first (keyset pagination), and acknowledging one.
// Acknowledgement is per user: an alert to a role inbox (ROLE:MASH) stays unacknowledged for
// every other user of the inbox until they acknowledge it themselves.
import type { Db } from "#db/client.ts";
import type { Prisma } from "#db/generated/client.ts";
import type { Viewer } from "#auth/viewer.ts";
import { notFound } from "#errors/domain-error.ts";
import { enqueueOutbox } from "#outbox/enqueue.ts";
import { decodeCursor, encodeCursor, pageSize } from "#notifications/cursor.ts";
import type { Page } from "#notifications/list-notifications.ts";
import { alertMessage, mapAlert, type Alert } from "./map-alert.ts";
import { isRoleInbox, isVisibleTo, recipientsVisibleTo } from "./recipients.ts";

const withChild = {
  notification: { select: { personId: true } },
  acknowledgements: true,
} as const;

export async function listMyAlerts(
  db: Db,
  viewer: Viewer,
  args: { unacknowledgedOnly?: boolean | null; first?: number | null; after?: string | null },
): Promise<Page<Alert>> {
  const first = pageSize(args.first);
  const recipients = recipientsVisibleTo(viewer);
  const and: Prisma.AlertWhereInput[] = [
    { recipient: { in: recipients } },
    { channels: { has: "IN_APP" } },
  ];
  if (args.unacknowledgedOnly) {
    and.push({
      OR: [
        { recipient: viewer.sub, acknowledgedAt: null },
        {
          recipient: { in: recipients.filter(isRoleInbox) },
          acknowledgements: { none: { userId: viewer.sub } },
        },
      ],
    });
  }
  if (args.after) {
    const c = decodeCursor(args.after);
    and.push({ OR: [{ raisedAt: { lt: c.at } }, { raisedAt: c.at, id: { lt: c.id } }] });
  }
  const rows = await db.alert.findMany({
    where: { AND: and },
    orderBy: [{ raisedAt: "desc" }, { id: "desc" }],
    take: first + 1,
    include: withChild,
  });
  const edges = rows.slice(0, first).map((r) => mapAlert(r, viewer.sub));
  const last = edges.at(-1);
  return {
    edges,
    endCursor: last ? encodeCursor({ at: last.raisedAt, id: last.id }) : null,
    hasNextPage: rows.length > first,
  };
}

/** One alert, if the viewer is its recipient (otherwise it does not exist for them). */
export async function getAlertFor(db: Db, viewer: Viewer, id: string): Promise<Alert | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db.alert.findUnique({ where: { id }, include: withChild });
  return row && isVisibleTo(viewer, row.recipient, row.channels)
    ? mapAlert(row, viewer.sub)
    : undefined;
}

/**
 * Records who acknowledged and when; only a recipient may. Each user's first acknowledgement is
 * kept (a second one changes nothing). An alert to one user is also marked acknowledged on the
 * alert itself; an alert to a role inbox only for the user who acknowledged it.
 */
export async function acknowledgeAlert(db: Db, viewer: Viewer, id: string): Promise<Alert> {
  const visible = await getAlertFor(db, viewer, id);
  if (!visible) throw notFound("Alert");
  return db.$transaction(async (tx) => {
    const at = new Date();
    const mine = await tx.alertAcknowledgement.createMany({
      data: [{ alertId: id, userId: viewer.sub, acknowledgedAt: at }],
      skipDuplicates: true,
    });
    if (!isRoleInbox(visible.recipient)) {
      await tx.alert.updateMany({
        where: { id, acknowledgedAt: null },
        data: { acknowledgedAt: at, acknowledgedBy: viewer.sub },
      });
    }
    const alert = mapAlert(
      await tx.alert.findUniqueOrThrow({ where: { id }, include: withChild }),
      viewer.sub,
    );
    if (mine.count > 0) {
      await enqueueOutbox(tx, "mash.alerts.v1", alert.childId, alertMessage(alert, "ACKNOWLEDGED"));
    }
    return alert;
  });
}
