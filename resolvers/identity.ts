// findChildren, matchReviews and resolveMatchReview. Thin: identity/ does the matching and the
// merge; children are loaded through the request's DataLoaders.
import type { IResolvers } from "@graphql-tools/utils";
import type { RequestContext } from "./context.ts";
import type { ChildSearch } from "#identity/find-children.ts";
import type { MatchDecision, MatchReviewView } from "#identity/match-reviews.ts";
import { unauthenticated } from "#errors/domain-error.ts";

export const identityResolvers: IResolvers<unknown, RequestContext> = {
  Query: {
    findChildren: async (
      _p,
      args: { search: ChildSearch; first?: number | null },
      ctx: RequestContext,
    ) => {
      const matches = await ctx.services.childView.findChildren(args.search, args.first ?? 20);
      const children = await Promise.all(
        matches.map((m) => ctx.services.childView.child(ctx.loaders, m.personId)),
      );
      return matches.flatMap((m, i) => {
        const child = children[i];
        return child ? [{ childId: child.id, child, score: m.score, matchedOn: m.matchedOn }] : [];
      });
    },
    matchReviews: (
      _p,
      args: { first?: number | null; after?: string | null },
      ctx: RequestContext,
    ) => ctx.services.childView.matchReviews(args.first ?? 50, args.after),
  },
  Mutation: {
    resolveMatchReview: (
      _p,
      args: { id: string; decision: MatchDecision; childId?: string | null },
      ctx: RequestContext,
    ) => {
      if (!ctx.viewer) throw unauthenticated();
      return ctx.services.childView.resolveMatchReview(
        ctx.viewer,
        args.id,
        args.decision,
        args.childId,
      );
    },
  },
  MatchReview: {
    // A merged provisional record answers as the child it was merged into.
    candidate: (r: MatchReviewView) => ({ id: r.candidateId, childId: r.candidateId }),
    provisional: (r: MatchReviewView) => ({ id: r.provisionalId, childId: r.provisionalId }),
  },
};
