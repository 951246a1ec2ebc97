// The identity service as resolvers see it (services.identity): searching for children, and the
// match reviews a screener resolves.
import type { Db } from "#db/client.ts";
import type { Viewer } from "#auth/viewer.ts";
import { childIdsByNhsNumber } from "./children-by-nhs-number.ts";
import { findChildren, type ChildSearch, type KnowableFilter } from "./find-children.ts";
import { listOpenReviews, resolveMatchReview, type MatchDecision } from "./match-reviews.ts";

export function createIdentityService(db: Db) {
  return {
    findChildren: (search: ChildSearch, first: number, knowable: KnowableFilter) =>
      findChildren(db, search, first, knowable),
    /** For the federation key by NHS number: known numbers → child ids (before merges). */
    childIdsByNhsNumber: (numbers: readonly string[]) => childIdsByNhsNumber(db, numbers),
    matchReviews: (first: number, after: string | null | undefined) =>
      listOpenReviews(db, first, after),
    resolveMatchReview: (
      viewer: Viewer,
      id: string,
      decision: MatchDecision,
      childId: string | null | undefined,
    ) => resolveMatchReview(db, viewer, id, decision, childId),
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
