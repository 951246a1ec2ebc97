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

export async function findChildren(
  db: Db,
  search: ChildSearch,
  first: number,
): Promise<ChildMatchResult[]> {
  if (first < 1 || first > MAX_RESULTS) {
    throw badInput(`first must be between 1 and ${MAX_RESULTS}`, { field: "first" });
  }
  const given = Object.values(search).some((v) => typeof v === "string" && v.trim() !== "");
  if (!given) throw badInput("Give at least one search field", { field: "search" });
  const candidates = await findCandidates(db, search);
  const probe = {
    ...search,
    nhsNumbers: search.nhsNumber ? [search.nhsNumber] : [],
    upns: search.upn ? [search.upn] : [],
  };
  return candidates
    .map((c) => ({ personId: c.personId, ...compareRecords(probe, c) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.personId.localeCompare(b.personId))
    .slice(0, first)
    .map(({ personId, score, matchedOn }) => ({ personId, score, matchedOn }));
}
