// Rates every seeded child as the hub would (the rule set in force, windows from now) and writes
// the assessments and the MASH notifications rag-rules.md calls for, so that a seeded hub starts
// with its screening queue and Child.rag populated. In bulk: pictures a thousand at a time, one
// INSERT … SELECT FROM unnest per batch and table. No alerts and no outbox messages: seeding
// makes history, it does not announce it. A seeded rating has no inbound event; its assessment
// and its notification share one fresh id as their trigger (docs/decisions.md).
import { randomUUID } from "node:crypto";
import type { Db } from "#db/client.ts";
import { evaluate } from "#rag/index.ts";
import { loadPictures } from "#notifications/load-picture.ts";
import { shouldNotify } from "#notifications/should-notify.ts";
import { dueBy } from "#notifications/due-by.ts";
import { reasonsToJson } from "#notifications/reasons.ts";
import type { RatingSettings } from "#notifications/rating-settings.ts";

export interface RateCounts {
  children: number;
  assessments: number;
  notifications: number;
  byRag: Record<string, number>;
}

export async function rateSeededChildren(
  db: Db,
  childIds: readonly string[],
  settings: RatingSettings,
  options: { batch?: number; now?: Date } = {},
): Promise<RateCounts> {
  const now = options.now ?? new Date();
  const size = options.batch ?? 1_000;
  const counts: RateCounts = { children: 0, assessments: 0, notifications: 0, byRag: {} };
  for (let start = 0; start < childIds.length; start += size) {
    const ids = childIds.slice(start, start + size);
    const pictures = await loadPictures(db, ids);
    const assessments: Array<[string, string, string, string, string]> = [];
    const notifications: Array<[string, string, string, string, string, string]> = [];
    for (const id of ids) {
      const loaded = pictures.get(id);
      if (!loaded) continue;
      const e = evaluate(loaded.picture, now, settings.ruleSet);
      const trigger = randomUUID();
      const reasons = JSON.stringify(reasonsToJson(e.fired));
      assessments.push([randomUUID(), id, e.proposed ?? "NONE", reasons, trigger]);
      counts.byRag[e.proposed ?? "NONE"] = (counts.byRag[e.proposed ?? "NONE"] ?? 0) + 1;
      if (e.proposed && shouldNotify(e, loaded.hasOpenEarlyHelp)) {
        notifications.push([
          randomUUID(),
          id,
          trigger,
          dueBy(e.proposed, now, settings.timescales).toISOString(),
          e.proposed,
          reasons,
        ]);
      }
    }
    const col = <T>(rows: T[][], i: number) => rows.map((r) => r[i]);
    await db.$executeRaw`
      INSERT INTO "RagAssessment" ("id", "personId", "rag", "reasons", "ruleVersion", "eventId", "assessedAt")
      SELECT a.id, a."personId", a.rag, a.reasons, ${settings.ruleSet.version}::int, a."eventId", ${now}
        FROM unnest(${col(assessments, 0)}::uuid[], ${col(assessments, 1)}::uuid[], ${col(assessments, 2)}::text[],
                    ${col(assessments, 3)}::jsonb[], ${col(assessments, 4)}::uuid[])
             AS a(id, "personId", rag, reasons, "eventId")`;
    if (notifications.length > 0) {
      await db.$executeRaw`
        INSERT INTO "MashNotification" ("id", "personId", "triggeringEventId", "createdAt", "dueBy",
                                        "proposedRag", "reasons", "ruleVersion")
        SELECT n.id, n."personId", n."triggeringEventId", ${now}, n."dueBy", n.rag, n.reasons,
               ${settings.ruleSet.version}::int
          FROM unnest(${col(notifications, 0)}::uuid[], ${col(notifications, 1)}::uuid[],
                      ${col(notifications, 2)}::uuid[], ${col(notifications, 3)}::timestamptz[],
                      ${col(notifications, 4)}::text[], ${col(notifications, 5)}::jsonb[])
               AS n(id, "personId", "triggeringEventId", "dueBy", rag, reasons)`;
    }
    counts.children += ids.length;
    counts.assessments += assessments.length;
    counts.notifications += notifications.length;
  }
  return counts;
}
