// findChildren, matchReviews and resolveMatchReview. Thin: identity/ does the matching and the
// merge; children are loaded through the request's child view.
import type { IResolvers } from "@graphql-tools/utils";
import { requireAccess, type RequestContext } from "./context.ts";
import { searchCriteria, type ChildSearch } from "#identity/find-children.ts";
import type { MatchDecision, MatchReviewView } from "#identity/match-reviews.ts";
import { unauthenticated } from "#errors/domain-error.ts";

export const identityResolvers: IResolvers<unknown, RequestContext> = {
  Query: {
    // Existence is content: only children the caller may open are searched among, and every
    // search is an access event (criteria by name, result count).
    findChildren: async (
      _p,
      args: { search: ChildSearch; first?: number | null },
      ctx: RequestContext,
    ) => {
      const access = requireAccess(ctx);
      const matches = await ctx.services.identity.findChildren(
        args.search,
        args.first ?? 20,
        (ids) => access.openable(ids),
      );
      const children = await Promise.all(matches.map((m) => ctx.childView.child(m.personId)));
      const found = matches.flatMap((m, i) => {
        const child = children[i];
        return child ? [{ childId: child.id, child, score: m.score, matchedOn: m.matchedOn }] : [];
      });
      ctx.recorder.searched("Query.findChildren", searchCriteria(args.search), found.length);
      return found;
    },
    matchReviews: (
      _p,
      args: { first?: number | null; after?: string | null },
      ctx: RequestContext,
    ) => ctx.services.identity.matchReviews(args.first ?? 50, args.after),
  },
  Mutation: {
    resolveMatchReview: (
      _p,
      args: { id: string; decision: MatchDecision; childId?: string | null },
      ctx: RequestContext,
    ) => {
      if (!ctx.viewer) throw unauthenticated();
      return ctx.services.identity.resolveMatchReview(
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
