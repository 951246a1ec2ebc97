// The front door's operations and the fields it adds (front-door.md): thin — the front door
// service checks the role and the input and does the work; the access policy decides each field.
import type { IResolvers } from "@graphql-tools/utils";
import type { RequestContext } from "./context.ts";
import { notFound } from "#errors/domain-error.ts";
import type { Notification } from "#notifications/map-notification.ts";
import type { DailyDiscussionItemView } from "#front-door/types.ts";
import { requireViewer } from "./notifications.ts";

const contact = (n: Notification) => ({ id: n.id, childId: n.childId });

/** A mutation's arguments go to the service as they came; it validates them with zod. */
const mutation =
  (
    call: (
      s: RequestContext["services"]["frontDoor"],
    ) => (
      viewer: ReturnType<typeof requireViewer>,
      purpose: string | undefined,
      input: unknown,
    ) => Promise<unknown>,
    pick: (args: Record<string, unknown>) => unknown = (args) => args,
  ) =>
  (_p: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
    call(ctx.services.frontDoor)(requireViewer(ctx), ctx.purpose, pick(args));

export const frontDoorResolvers: IResolvers<unknown, RequestContext> = {
  Query: {
    dailyDiscussion: (_p, args: { date: string }, ctx: RequestContext) =>
      ctx.services.frontDoor.dailyDiscussion(requireViewer(ctx), args),
    mashPerformance: (_p, args: { from: string; to: string }, ctx: RequestContext) =>
      ctx.services.frontDoor.mashPerformance(requireViewer(ctx), args),
  },
  Mutation: {
    submitReferral: mutation(
      (s) => s.submitReferral,
      (args) => args["input"],
    ),
    decide: mutation((s) => s.decide),
    raiseEscalation: mutation((s) => s.raiseEscalation),
    resolveEscalation: mutation((s) => s.resolveEscalation),
    requestStepUp: mutation(
      (s) => s.requestStepUp,
      (args) => args["input"],
    ),
    recordDailyDiscussion: mutation(
      (s) => s.recordDailyDiscussion,
      (args) => args["input"],
    ),
    completeNextAction: mutation((s) => s.completeNextAction),
  },
  Notification: {
    referral: (n: Notification, _a, ctx: RequestContext) => ctx.frontDoor.referral.load(contact(n)),
    stepUpRequest: (n: Notification, _a, ctx: RequestContext) =>
      ctx.frontDoor.stepUpRequest.load(contact(n)),
    decision: (n: Notification, _a, ctx: RequestContext) => ctx.frontDoor.decision.load(contact(n)),
    escalations: (n: Notification, _a, ctx: RequestContext) =>
      ctx.frontDoor.escalations.load(contact(n)),
    actions: (n: Notification, _a, ctx: RequestContext) => ctx.frontDoor.actions.load(contact(n)),
    referrerInformedAt: (n: Notification, _a, ctx: RequestContext) =>
      ctx.frontDoor.referrerInformedAt.load(contact(n)),
  },
  DailyDiscussionItem: {
    // Through the request's DataLoader: an agenda costs one query for its notifications.
    notification: async (item: DailyDiscussionItemView, _a, ctx: RequestContext) => {
      const found = await ctx.notifications.byId(item.notificationId);
      if (!found) throw notFound("Notification");
      return found;
    },
  },
  Child: {
    chronology: (c: { id: string }, args: { first?: number | null }, ctx: RequestContext) =>
      ctx.services.frontDoor.chronology(c.id, args.first ?? 200),
  },
};
