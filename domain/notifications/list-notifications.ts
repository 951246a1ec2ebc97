// MASH notifications, newest first, with keyset pagination and the contract's filters.
import type { Db } from "#db/client.ts";
import type { Prisma } from "#db/generated/client.ts";
import type { Viewer } from "#auth/viewer.ts";
import type { Rag } from "#rag/index.ts";
import { decodeCursor, encodeCursor, pageSize } from "./cursor.ts";
import {
  mapNotification,
  type Notification,
  type NotificationKind,
  type NotificationStatus,
} from "./map-notification.ts";
import { requireMashRole } from "./screen-notification.ts";

export interface NotificationFilter {
  status?: NotificationStatus | null;
  /** The current rating: the screened one, or the proposal while unscreened. */
  rag?: Rag | null;
  childId?: string | null;
  /** Still awaiting screening after its dueBy. */
  overdueOnly?: boolean | null;
  kind?: NotificationKind | null;
}

export interface Page<T> {
  edges: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export async function listNotifications(
  db: Db,
  viewer: Viewer,
  args: { filter?: NotificationFilter | null; first?: number | null; after?: string | null },
  now: Date = new Date(),
): Promise<Page<Notification>> {
  requireMashRole(viewer);
  const first = pageSize(args.first);
  const f = args.filter ?? {};
  const and: Prisma.MashNotificationWhereInput[] = [];
  if (f.status) and.push({ status: f.status });
  if (f.childId) and.push({ personId: f.childId });
  if (f.kind) and.push({ kind: f.kind });
  if (f.rag) and.push({ OR: [{ rag: f.rag }, { rag: null, proposedRag: f.rag }] });
  if (f.overdueOnly) and.push({ status: "AWAITING_SCREENING", dueBy: { lt: now } });
  if (args.after) {
    const c = decodeCursor(args.after);
    and.push({ OR: [{ createdAt: { lt: c.at } }, { createdAt: c.at, id: { lt: c.id } }] });
  }
  const rows = await db.mashNotification.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: first + 1,
  });
  const edges = rows.slice(0, first).map(mapNotification);
  const last = edges.at(-1);
  return {
    edges,
    endCursor: last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    hasNextPage: rows.length > first,
  };
}
