// Match reviews: the uncertain identity matches a screener decides (list and resolve).
import type { Db } from "#db/client.ts";
import type { Viewer } from "#auth/viewer.ts";
import { isMashRole } from "#auth/viewer.ts";
import { badInput, conflict, forbidden, notFound } from "#errors/domain-error.ts";
import { mergePersons } from "./merge-persons.ts";

export interface MatchReviewView {
  id: string;
  /** The person the review is about (the provisional record), for the access policy. */
  childId: string;
  candidateId: string;
  provisionalId: string;
  score: number;
  status: string;
  matchedOn: string[];
}

type ReviewRow = {
  id: string;
  candidateId: string;
  provisionalId: string;
  score: number;
  status: string;
  matchedOn: string[];
  createdAt: Date;
};

function toView(r: ReviewRow): MatchReviewView {
  return {
    id: r.id,
    childId: r.provisionalId,
    candidateId: r.candidateId,
    provisionalId: r.provisionalId,
    score: r.score,
    status: r.status,
    matchedOn: r.matchedOn,
  };
}

const encodeCursor = (r: ReviewRow) =>
  Buffer.from(`${r.createdAt.toISOString()}|${r.id}`).toString("base64url");

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime()))
    throw badInput("Invalid cursor", { field: "after" });
  return { createdAt, id };
}

/** Open reviews, oldest first (the longest waiting at the top). */
export async function listOpenReviews(db: Db, first: number, after: string | null | undefined) {
  if (first < 1 || first > 200) throw badInput("first must be between 1 and 200");
  const from = after ? decodeCursor(after) : undefined;
  const rows = await db.matchReview.findMany({
    where: {
      status: "OPEN",
      ...(from
        ? {
            OR: [
              { createdAt: { gt: from.createdAt } },
              { createdAt: from.createdAt, id: { gt: from.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: first + 1,
  });
  const page = rows.slice(0, first);
  const last = page.at(-1);
  return {
    edges: page.map(toView),
    endCursor: last ? encodeCursor(last) : null,
    hasNextPage: rows.length > first,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type MatchDecision = "SAME_CHILD" | "DIFFERENT_CHILD";

/**
 * SAME_CHILD folds the provisional record into the candidate (or into `childId` when the screener
 * names another child); DIFFERENT_CHILD makes the provisional record a child of its own.
 */
export async function resolveMatchReview(
  db: Db,
  viewer: Viewer,
  id: string,
  decision: MatchDecision,
  childId: string | null | undefined,
): Promise<MatchReviewView> {
  if (!isMashRole(viewer.role)) throw forbidden("Only MASH screeners and managers resolve matches");
  if (!UUID.test(id)) throw notFound("Match review");
  if (childId && !UUID.test(childId)) throw notFound("Child");
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "MatchReview" WHERE id = ${id}::uuid FOR UPDATE`;
    if (locked.length === 0) throw notFound("Match review");
    const review = await tx.matchReview.findUniqueOrThrow({ where: { id } });
    if (review.status !== "OPEN") throw conflict(`Match review already ${review.status}`);
    const resolved = { resolvedBy: viewer.sub, resolvedAt: new Date() };
    if (decision === "DIFFERENT_CHILD") {
      await tx.person.update({ where: { id: review.provisionalId }, data: { status: "ACTIVE" } });
      const row = await tx.matchReview.update({
        where: { id },
        data: { status: "SEPARATED", ...resolved },
      });
      return toView(row);
    }
    const intoId = childId ?? review.candidateId;
    if (intoId === review.provisionalId) {
      throw badInput("childId must be the child the provisional record is the same as", {
        field: "childId",
      });
    }
    const target = await tx.person.findUnique({ where: { id: intoId } });
    if (!target || target.status !== "ACTIVE") throw notFound("Child");
    await mergePersons(tx, review.provisionalId, intoId);
    const row = await tx.matchReview.update({
      where: { id },
      data: { status: "MERGED", candidateId: intoId, ...resolved },
    });
    return toView(row);
  });
}
