import type { Rag } from "./types.ts";

const RANK: Record<Rag, number> = { GREEN: 1, AMBER: 2, RED: 3 };

export const ragRank = (rag: Rag | undefined): number => (rag ? RANK[rag] : 0);

/** The highest of the given ratings, or undefined for none. */
export function highestRag(ratings: Iterable<Rag>): Rag | undefined {
  let best: Rag | undefined;
  for (const r of ratings) if (ragRank(r) > ragRank(best)) best = r;
  return best;
}

export const isRag = (v: unknown): v is Rag => v === "RED" || v === "AMBER" || v === "GREEN";
