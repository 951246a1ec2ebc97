// ragRules, notifications, screenNotification, stepUp and the Notification type. Thin: the
// notifications service checks roles and input and does the work.
import type { IResolvers } from "@graphql-tools/utils";
import type { RequestContext } from "./context.ts";
import type { Viewer } from "#auth/viewer.ts";
import { unauthenticated } from "#errors/domain-error.ts";
import type { Notification } from "#notifications/map-notification.ts";
import type { NotificationFilter } from "#notifications/list-notifications.ts";
import type { StepUpReason } from "#notifications/next-actions.ts";
import type { Rag } from "#rag/index.ts";

export function requireViewer(ctx: RequestContext): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

export const notificationResolvers: IResolvers<unknown, RequestContext> = {
  Query: {
    ragRules: (_p, _a, ctx: RequestContext) => ctx.services.notifications.ragRules(),
    notifications: (
      _p,
      args: { filter?: NotificationFilter | null; first?: number | null; after?: string | null },
      ctx: RequestContext,
    ) => ctx.services.notifications.list(requireViewer(ctx), args),
  },
  Mutation: {
    screenNotification: (
      _p,
      args: { id: string; rag: Rag; rationale: string },
      ctx: RequestContext,
    ) => ctx.services.notifications.screen(requireViewer(ctx), args),
    stepUp: (
      _p,
      args: { notificationId: string; reason: StepUpReason; rationale: string },
      ctx: RequestContext,
    ) => ctx.services.notifications.stepUp(requireViewer(ctx), args),
  },
  Notification: {
    // The Child type's own resolvers load the rest from the id (and the access policy applies).
    child: (n: Notification) => ({ id: n.childId, childId: n.childId }),
  },
};
