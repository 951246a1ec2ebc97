// rejectedEvents, replayRejectedEvent, discardRejectedEvent. Thin: the policy admits AUDIT
// fields; the service admits MASH managers only, checks the purpose and audits.
import type { IResolvers } from "@graphql-tools/utils";
import type { RequestContext } from "./context.ts";
import type { RejectReason } from "#ingestion/validate-event.ts";
import type { RejectedEventView } from "#ingestion/rejected-events.ts";

export const rejectedEventResolvers: IResolvers<unknown, RequestContext> = {
  Query: {
    rejectedEvents: (
      _parent,
      args: { first: number; after?: string | null; reason?: RejectReason | null },
      ctx: RequestContext,
    ) => ctx.services.rejectedEvents.list(ctx.viewer, args.first, args.after, args.reason),
  },
  Mutation: {
    replayRejectedEvent: (
      _parent,
      args: { id: string; event?: unknown; purpose: string },
      ctx: RequestContext,
    ) => ctx.services.rejectedEvents.replay(ctx.viewer, args.id, args.event, args.purpose),
    discardRejectedEvent: (_parent, args: { id: string; purpose: string }, ctx: RequestContext) =>
      ctx.services.rejectedEvents.discard(ctx.viewer, args.id, args.purpose),
  },
  RejectedEvent: {
    rawContent: (parent: RejectedEventView, args: { purpose: string }, ctx: RequestContext) =>
      ctx.services.rejectedEvents.rawContent(ctx.viewer, parent.id, args.purpose),
  },
};
