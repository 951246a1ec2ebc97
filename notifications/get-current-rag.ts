// The current rating of each child (Child.rag): the latest assessment of the whole picture, or,
// where the notification that assessment made has been screened, the screened rating.
import type { Db } from "../db/client.ts";
import { isRag, type Rag } from "../rag/index.ts";
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

/** One entry per asked id: null where no rule fires on the child's picture (or never rated). */
export async function getCurrentRag(
  db: Db,
  personIds: readonly string[],
): Promise<Map<string, RagAssessmentView | null>> {
  const ids = [...new Set(personIds)];
  const latest = await db.ragAssessment.findMany({
    where: { personId: { in: ids } },
    orderBy: [{ assessedAt: "desc" }, { id: "desc" }],
    distinct: ["personId"],
  });
  const eventIds = latest.flatMap((a) => (a.eventId ? [a.eventId] : []));
  const screened = await db.mashNotification.findMany({
    where: { triggeringEventId: { in: eventIds }, rag: { not: null } },
    select: { triggeringEventId: true, rag: true },
  });
  const screenedByEvent = new Map(screened.map((n) => [n.triggeringEventId, n.rag]));
  const result = new Map<string, RagAssessmentView | null>(ids.map((id) => [id, null]));
  for (const a of latest) {
    if (!isRag(a.rag)) continue;
    const screenedRag = a.eventId ? screenedByEvent.get(a.eventId) : undefined;
    result.set(a.personId, {
      childId: a.personId,
      rag: isRag(screenedRag) ? screenedRag : a.rag,
      proposedRag: a.rag,
      screened: isRag(screenedRag),
      reasons: reasonsFromJson(a.reasons),
      assessedAt: a.assessedAt,
      ruleVersion: a.ruleVersion,
    });
  }
  return result;
}
