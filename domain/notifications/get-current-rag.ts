// The current rating of each child (Child.rag): the latest assessment of the whole picture, or,
// where the notification that assessment made has been screened, the screened rating.
import type { Db, Statement } from "#db/client.ts";
import type { RagAssessment } from "#db/generated/client.ts";
import { isRag, type Rag } from "#rag/index.ts";
import { reasonsFromJson, type RagReason } from "./reasons.ts";

export interface RagAssessmentView {
  childId: string;
  rag: Rag;
  /** The rating the rules proposed (equal to rag unless a screener changed it). */
  proposedRag: Rag;
  screened: boolean;
  reasons: RagReason[];
  assessedAt: Date;
  ruleVersion: number;
}

/**
 * One prepared statement (db.sql): DISTINCT ON in the database (Prisma's `distinct` fetches every
 * assessment), the screened rating joined in, planned once per connection.
 */
const CURRENT_RAG: Statement = {
  name: "notifications.current-rag",
  text: `
    SELECT a.*, n.rag AS "screenedRag"
      FROM (SELECT DISTINCT ON ("personId") * FROM "RagAssessment"
             WHERE "personId" = ANY($1::uuid[])
             ORDER BY "personId", "assessedAt" DESC, id DESC) a
      LEFT JOIN "MashNotification" n
        ON n."triggeringEventId" = a."eventId" AND n."personId" = a."personId"
       AND n.rag IS NOT NULL`,
};

/** One entry per asked id: null where no rule fires on the child's picture (or never rated). */
export async function getCurrentRag(
  db: Db,
  personIds: readonly string[],
): Promise<Map<string, RagAssessmentView | null>> {
  const ids = [...new Set(personIds)];
  const latest = await db.sql.query<RagAssessment & { screenedRag: string | null }>(CURRENT_RAG, [
    ids,
  ]);
  const result = new Map<string, RagAssessmentView | null>(ids.map((id) => [id, null]));
  for (const a of latest) {
    const view = toRagView(a);
    if (view) result.set(a.personId, view);
  }
  return result;
}

/** The latest assessment with its screened rating (null: not a rating this hub knows). */
export function toRagView(
  a: RagAssessment & { screenedRag: string | null },
): RagAssessmentView | null {
  if (!isRag(a.rag)) return null;
  const screenedRag = a.screenedRag;
  return {
    childId: a.personId,
    rag: isRag(screenedRag) ? screenedRag : a.rag,
    proposedRag: a.rag,
    screened: isRag(screenedRag),
    reasons: reasonsFromJson(a.reasons),
    assessedAt: a.assessedAt,
    ruleVersion: a.ruleVersion,
  };
}
