// findChildren: the same blocking and scoring as identity resolution, best matches first.
import type { Db } from "#db/client.ts";
import { badInput } from "#errors/domain-error.ts";
import { findCandidates } from "./candidates.ts";
import { compareRecords } from "./score.ts";

export interface ChildSearch {
  nhsNumber?: string | null | undefined;
  upn?: string | null | undefined;
  givenName?: string | null | undefined;
  familyName?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  postcode?: string | null | undefined;
}

export interface ChildMatchResult {
  personId: string;
  score: number;
  matchedOn: string[];
}

export const MAX_RESULTS = 100;

/** Of these children, those the caller may know of (the rest are as if unknown). */
export type KnowableFilter = (personIds: string[]) => Promise<Set<string>>;

/** The names of the criteria a search gives (never their values): what its audit records. */
export function searchCriteria(search: ChildSearch): string[] {
  return Object.entries(search)
    .filter(([, v]) => typeof v === "string" && v.trim() !== "")
    .map(([k]) => k)
    .sort();
}

/**
 * The best matches first. `knowable` is applied before `first` is counted, so a child the caller
 * may not know of changes nothing in the answer: not a match, not an error, not a count.
 */
export async function findChildren(
  db: Db,
  search: ChildSearch,
  first: number,
  knowable: KnowableFilter,
): Promise<ChildMatchResult[]> {
  if (first < 1 || first > MAX_RESULTS) {
    throw badInput(`first must be between 1 and ${MAX_RESULTS}`, { field: "first" });
  }
  if (searchCriteria(search).length === 0)
    throw badInput("Give at least one search field", { field: "search" });
  const candidates = await findCandidates(db, search);
  const probe = {
    ...search,
    nhsNumbers: search.nhsNumber ? [search.nhsNumber] : [],
    upns: search.upn ? [search.upn] : [],
  };
  const scored = candidates
    .map((c) => ({ personId: c.personId, ...compareRecords(probe, c) }))
    .filter((m) => m.score > 0);
  const known = await knowable(scored.map((m) => m.personId));
  return scored
    .filter((m) => known.has(m.personId))
    .sort((a, b) => b.score - a.score || a.personId.localeCompare(b.personId))
    .slice(0, first)
    .map(({ personId, score, matchedOn }) => ({ personId, score, matchedOn }));
}
