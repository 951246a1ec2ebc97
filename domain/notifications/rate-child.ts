// What a rating writes: the children's rating locks, their assessments (with the rule version),
// and the MASH notifications, RED alerts and outbox rows rag-rules.md calls for, each in one
// statement for any number of children. Used by rateEvents (ingestion).
import type { SqlTx as Tx } from "#db/sql-tx.ts";
import type { MashNotification as NotificationRow } from "#db/generated/client.ts";
import { enqueueOutboxMany } from "#outbox/enqueue.ts";
import type { Evaluation } from "#rag/index.ts";
import { raiseAlertsMany } from "#alerts/raise-alerts.ts";
import { dueBy } from "./due-by.ts";
import { reasonsToJson } from "./reasons.ts";
import { mapNotification, notificationMessage } from "./map-notification.ts";
import type { RatingSettings } from "./rating-settings.ts";

/** Advisory-lock namespace of "rating this child" (the second key is the child's id hash). */
const RATING_LOCK = 7_301;

/** The rating locks a transaction holds, in the one order (ids as strings, ascending). */
const held = new WeakMap<Tx, { ids: Set<string>; last: string }>();

/** A batch found a rating lock it must not wait for; the transaction is run again. */
export class RatingLockBusy extends Error {
  /** A lost race (retry-transaction.ts runs the transaction again). */
  readonly code = "40P01";
  constructor() {
    super("a child's rating lock is held by another transaction; running the batch again");
  }
}

/**
 * Takes the rating lock of each child, in one order for everyone: ids ascending. A transaction
 * only ever WAITS for a lock after every lock it holds, so no two transactions can wait for each
 * other (a deadlock, which PostgreSQL finds only after deadlock_timeout, 1 s). A child that sorts
 * before one already held (a family member found after the batch's first locks) is only tried;
 * if another transaction holds it, RatingLockBusy rolls this one back to run again.
 */
export async function lockChildren(tx: Tx, personIds: readonly string[]): Promise<void> {
  const mine = held.get(tx) ?? { ids: new Set<string>(), last: "" };
  const ids = [...new Set(personIds)].filter((id) => !mine.ids.has(id)).sort();
  if (ids.length === 0) return;
  const late = ids.filter((id) => id < mine.last);
  const after = ids.filter((id) => id > mine.last);
  if (late.length > 0) {
    const [row] = await tx.$queryRaw<Array<{ all: boolean }>>`
      SELECT bool_and(pg_try_advisory_xact_lock(${RATING_LOCK}::int, hashtext(c.id))) AS "all"
        FROM (SELECT id FROM unnest(${late}::text[]) WITH ORDINALITY AS u(id, n) ORDER BY n) c`;
    if (!row?.all) throw new RatingLockBusy();
  }
  if (after.length > 0) {
    // one statement; the locks are taken in the sorted order of the subquery
    await tx.$queryRaw`
      SELECT count(pg_advisory_xact_lock(${RATING_LOCK}::int, hashtext(c.id)))
        FROM (SELECT id FROM unnest(${after}::text[]) WITH ORDINALITY AS u(id, n) ORDER BY n) c`;
  }
  for (const id of ids) mine.ids.add(id);
  const highest = ids[ids.length - 1]!; // ids are sorted
  if (highest > mine.last) mine.last = highest;
  held.set(tx, mine);
}

export const previouslyFiredRules = (previousReasons: unknown): Set<string> =>
  new Set(
    Array.isArray(previousReasons)
      ? previousReasons.flatMap((r: unknown) =>
          r && typeof r === "object" && "ruleId" in r ? [String(r.ruleId)] : [],
        )
      : [],
  );

export interface RateOptions {
  personId: string;
  /** The inbound event that caused the rating (the notification's triggering event). */
  triggerId: string;
  /** Where the rule windows count back from (RuleSet.windowsFrom). */
  asOf: Date;
  /** The time of the rating: the notification's creation. */
  now: Date;
  settings: RatingSettings;
}

export interface AssessmentRow {
  personId: string;
  evaluation: Evaluation;
  /** The inbound event that caused the rating. */
  eventId: string;
}

/** Records ratings: one statement for any number of children. */
export async function insertAssessments(tx: Tx, rows: readonly AssessmentRow[]): Promise<void> {
  if (rows.length === 0) return;
  // assessedAt is the clock at insert (not now(), the transaction's start): a rating that waited
  // for another child's lock is later than the one it waited for.
  await tx.$executeRaw`
    INSERT INTO "RagAssessment" ("id", "personId", "rag", "reasons", "ruleVersion", "eventId", "assessedAt")
    SELECT gen_random_uuid(), a.person, a.rag, a.reasons, a.version, a.event, clock_timestamp()
      FROM unnest(${rows.map((r) => r.personId)}::uuid[],
                  ${rows.map((r) => r.evaluation.proposed ?? "NONE")}::text[],
                  ${rows.map((r) => JSON.stringify(reasonsToJson(r.evaluation.fired)))}::jsonb[],
                  ${rows.map((r) => r.evaluation.ruleVersion)}::int[],
                  ${rows.map((r) => r.eventId)}::uuid[])
        AS a(person, rag, reasons, version, event)`;
}

export interface ToNotify {
  o: RateOptions;
  evaluation: Evaluation & { proposed: NonNullable<Evaluation["proposed"]> };
}

/**
 * The notifications of several ratings: one insert (one per child and triggering event, however
 * often it comes), one outbox insert, and the RED alerts in one go. The ids, in the items' order.
 */
export async function makeNotifications(
  tx: Tx,
  items: readonly ToNotify[],
): Promise<Array<string | undefined>> {
  if (items.length === 0) return [];
  const col = <T>(f: (i: ToNotify) => T) => items.map(f);
  const made = await tx.$queryRaw<NotificationRow[]>`
    INSERT INTO "MashNotification" ("id", "personId", "triggeringEventId", "createdAt", "dueBy",
      "proposedRag", "reasons", "ruleVersion")
    SELECT gen_random_uuid(), n.person, n.trigger, n.created, n.due, n.rag, n.reasons, n.version
      FROM unnest(${col((i) => i.o.personId)}::uuid[], ${col((i) => i.o.triggerId)}::uuid[],
                  ${col((i) => i.o.now.toISOString())}::timestamptz[],
                  ${col((i) => dueBy(i.evaluation.proposed, i.o.now, i.o.settings.timescales).toISOString())}::timestamptz[],
                  ${col((i) => i.evaluation.proposed)}::text[],
                  ${col((i) => JSON.stringify(reasonsToJson(i.evaluation.fired)))}::jsonb[],
                  ${col((i) => i.evaluation.ruleVersion)}::int[]) WITH ORDINALITY
        AS n(person, trigger, created, due, rag, reasons, version, i)
     ORDER BY n.i
    ON CONFLICT ("triggeringEventId", "personId") DO NOTHING
    RETURNING *`;
  const key = (personId: string, trigger: string) => `${personId}|${trigger}`;
  const ids = new Map(made.map((r) => [key(r.personId, r.triggeringEventId), r.id]));
  const missing = items.filter((i) => !ids.has(key(i.o.personId, i.o.triggerId)));
  if (missing.length > 0) {
    const existing = await tx.$queryRaw<Array<{ id: string; personId: string; trigger: string }>>`
      SELECT n."id"::text AS "id", n."personId"::text AS "personId",
             n."triggeringEventId"::text AS "trigger"
        FROM unnest(${missing.map((i) => i.o.personId)}::uuid[],
                    ${missing.map((i) => i.o.triggerId)}::uuid[]) AS w(person, trigger)
        JOIN "MashNotification" n ON n."personId" = w.person AND n."triggeringEventId" = w.trigger`;
    for (const r of existing) ids.set(key(r.personId, r.trigger), r.id);
  }
  const notifications = made.map(mapNotification);
  await enqueueOutboxMany(
    tx,
    notifications.map((n) => ({
      topic: "mash.notifications.v1" as const,
      key: n.childId,
      payload: notificationMessage(n, "CREATED"),
    })),
  );
  // Before anyone screens a RED one: the duty inbox by e-mail, every MASH subscriber in the app.
  await raiseAlertsMany(
    tx,
    notifications
      .filter((n) => n.proposedRag === "RED")
      .map((n) => ({
        notification: n,
        stage: "PROPOSED_RED" as const,
        rag: "RED" as const,
        targets: [
          { recipient: "MASH_DUTY", email: undefined, channels: ["EMAIL" as const] },
          { recipient: "ROLE:MASH", email: undefined, channels: ["IN_APP" as const] },
        ],
      })),
  );
  return items.map((i) => ids.get(key(i.o.personId, i.o.triggerId)));
}
