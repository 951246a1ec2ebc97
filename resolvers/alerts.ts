// myAlerts, acknowledgeAlert, the alertRaised subscription and the Alert type. Thin: the alerts
// service decides who sees which alert.
import type { IResolvers } from "@graphql-tools/utils";
import type { RequestContext } from "./context.ts";
import type { Alert } from "#alerts/map-alert.ts";
import { notFound } from "#errors/domain-error.ts";
import { requireViewer } from "./notifications.ts";

export const alertResolvers: IResolvers<unknown, RequestContext> = {
  Query: {
    myAlerts: (
      _p,
      args: { unacknowledgedOnly?: boolean | null; first?: number | null; after?: string | null },
      ctx: RequestContext,
    ) => ctx.services.alerts.myAlerts(requireViewer(ctx), args),
  },
  Mutation: {
    acknowledgeAlert: (_p, args: { id: string }, ctx: RequestContext) =>
      ctx.services.alerts.acknowledge(requireViewer(ctx), args.id),
  },
  Subscription: {
    alertRaised: {
      subscribe: (_p: unknown, _a: unknown, ctx: RequestContext) =>
        ctx.services.alerts.subscribe(requireViewer(ctx)),
      resolve: (alert: Alert) => alert,
    },
  },
  Alert: {
    // Through the request's DataLoader: a page of alerts costs one query for their notifications.
    notification: async (a: Alert, _args: unknown, ctx: RequestContext) => {
      const found = await ctx.notifications.byId(a.notificationId);
      if (!found) throw notFound("Notification");
      return found;
    },
  },
};
