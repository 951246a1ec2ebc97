// The notifications service as resolvers see it (services.notifications), with the rating
// settings in force and this hub's OVERDUE worker (started and stopped by server/workers.ts).
import DataLoader from "dataloader";
import type { Db } from "#db/client.ts";
import type { Logger } from "#logging/logger.ts";
import type { Viewer } from "#auth/viewer.ts";
import type { Rag } from "#rag/index.ts";
import { screenNotification } from "./screen-notification.ts";
import { stepUp } from "./step-up.ts";
import { listNotifications, type NotificationFilter } from "./list-notifications.ts";
import { getNotificationsByIds, getNotificationsForChild } from "./get-notifications.ts";
import { getCurrentRag } from "./get-current-rag.ts";
import { getRagRuleSet, ruleViews } from "./rag-rule-sets.ts";
import { createOverdueWorker } from "./overdue.ts";
import type { RatingSettings } from "./rating-settings.ts";
import type { Notification } from "./map-notification.ts";
import type { StepUpReason } from "./next-actions.ts";

export function createNotificationService(deps: {
  db: Db;
  logger: Logger;
  rating: RatingSettings;
  overduePollMs: number;
}) {
  const { db, rating } = deps;
  return {
    rating,
    overdueWorker: createOverdueWorker({ db, logger: deps.logger, pollMs: deps.overduePollMs }),
    ragRules: () => ruleViews(rating.ruleSet),
    ragRuleSet: (version?: number | null) => getRagRuleSet(db, rating.ruleSet, version),
    list: (
      viewer: Viewer,
      args: { filter?: NotificationFilter | null; first?: number | null; after?: string | null },
    ) => listNotifications(db, viewer, args),
    screen: (viewer: Viewer, input: { id: string; rag: Rag; rationale: string }) =>
      screenNotification(db, viewer, input),
    stepUp: (
      viewer: Viewer,
      input: { notificationId: string; reason: StepUpReason; rationale: string },
    ) => stepUp(db, viewer, input),
    byIds: (ids: readonly string[]) => getNotificationsByIds(db, ids),
    /** Notifications by id for one request, batched (e.g. every Alert.notification at once). */
    forRequest: (): NotificationReader => {
      const byId = new DataLoader<string, Notification | null>(async (ids) => {
        const found = await getNotificationsByIds(db, ids);
        return ids.map((id) => found.get(id) ?? null);
      });
      return { byId: (id) => byId.load(id) };
    },
    forChild: (childId: string) => getNotificationsForChild(db, childId),
    currentRag: (childIds: readonly string[]) => getCurrentRag(db, childIds),
  };
}

export interface NotificationReader {
  byId(id: string): Promise<Notification | null>;
}

export type NotificationService = ReturnType<typeof createNotificationService>;
