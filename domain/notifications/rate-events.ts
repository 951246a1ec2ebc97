// Called by ingestion inside the batch's transaction, once per round, after the round's records
// are stored: rates, with a handful of statements, the children a set of stored events concern —
// each event's child and, under a rule set that reads other children's plans, the family's other
// children whose picture the event may have changed — records each assessment, and makes the
// MASH notifications (and RED alerts, and outbox rows) that rag-rules.md calls for. The caller
// (ingestion's rounds) passes events whose children and families do not overlap, so each child is
// rated once here, exactly as it would be after that one event.
//
// Order of arrival does not matter (rag-rules.md version 2): every child rated is locked first (a
// transaction advisory lock per child, taken in id order), so two batches about one child, or
// about two children of one family, rate one after the other, and the second sees what the first
// stored. The assessment's time is the clock at insert, not the transaction's start, so the
// latest assessment is the one made with the most records.
import type { SqlTx } from "#db/sql-tx.ts";
import { evaluate } from "#rag/index.ts";
import { familiesWithPlans, type Family } from "./family.ts";
import { loadPictures } from "./load-picture.ts";
import {
  insertAssessments,
  lockChildren,
  makeNotifications,
  previouslyFiredRules,
  type AssessmentRow,
  type ToNotify,
} from "./rate-child.ts";
import { shouldNotify } from "./should-notify.ts";
import type { AgencyName } from "#auth/viewer.ts";
import { DEFAULT_RATING_SETTINGS, readsFamily, type RatingSettings } from "./rating-settings.ts";

export interface StoredEvent {
  /** InboundEvent.id (uuid) */
  inboundEventId: string;
  personId: string;
  source: AgencyName;
  occurredAt: Date;
}

/** Sources whose events can change another child's picture: a plan, or a new family link. */
export const FAMILY_SOURCES: ReadonlySet<AgencyName> = new Set(["CPIS", "POLICE", "EARLY_HELP"]);

/** The notification made (or already made) for each event's own child, in the events' order. */
export async function rateEvents(
  tx: SqlTx,
  events: readonly StoredEvent[],
  settings: RatingSettings = DEFAULT_RATING_SETTINGS,
): Promise<Array<string | undefined>> {
  if (events.length === 0) return [];
  // each event child's family before the locks: who to rate again
  const familyMatters = readsFamily(settings.ruleSet);
  const families = familyMatters
    ? await familiesWithPlans(
        tx,
        // only these sources' events make another child of the family rated again (rerated)
        events.filter((e) => FAMILY_SOURCES.has(e.source)).map((e) => e.personId),
      )
    : new Map<string, Family>();
  const trigger = new Map<string, StoredEvent>();
  for (const e of events) {
    trigger.set(e.personId, e);
    for (const other of rerated(e, families.get(e.personId))) {
      if (!trigger.has(other)) trigger.set(other, e);
    }
  }
  const children = [...trigger.keys()];
  await lockChildren(tx, children);
  // The household's plans are read once the children are ours: a sibling another transaction
  // linked to the family and committed while this one waited for the lock is in the picture.
  const familiesNow = familyMatters ? await familiesWithPlans(tx, children) : undefined;
  const now = new Date();
  const pictures = await loadPictures(
    tx,
    children,
    new Map(children.map((c) => [c, trigger.get(c)!.inboundEventId])),
    familiesNow
      ? new Map(
          children.map((c) => [c, (familiesNow.get(c)?.members ?? []).map((m) => m.personId)]),
        )
      : undefined,
  );
  const assessments: AssessmentRow[] = [];
  const toNotify: Array<{ row: AssessmentRow; event: StoredEvent }> = [];
  for (const personId of children) {
    const loaded = pictures.get(personId);
    const event = trigger.get(personId)!;
    if (!loaded) continue;
    // Version 1 counts its windows back from the triggering event; version 2 from now.
    const asOf =
      settings.ruleSet.windowsFrom === "EVENT" && personId === event.personId
        ? event.occurredAt
        : now;
    const evaluation = evaluate(loaded.picture, asOf, settings.ruleSet);
    const row = { personId, evaluation, eventId: event.inboundEventId };
    assessments.push(row);
    const cause = {
      recordIdsFromEvent: loaded.recordIdsFromEvent,
      previouslyFired: previouslyFiredRules(loaded.previousReasons),
    };
    if (evaluation.proposed && shouldNotify(evaluation, loaded.hasOpenEarlyHelp, cause)) {
      toNotify.push({ row, event });
    }
  }
  await insertAssessments(tx, assessments);
  const requests: ToNotify[] = toNotify.flatMap(({ row, event }) => {
    const proposed = row.evaluation.proposed;
    if (!proposed) return [];
    const o = { personId: row.personId, triggerId: event.inboundEventId, asOf: now, now, settings };
    return [{ o, evaluation: { ...row.evaluation, proposed } }];
  });
  const ids = await makeNotifications(tx, requests);
  const made = new Map<string, string>();
  requests.forEach((r, i) => {
    const id = ids[i];
    const event = trigger.get(r.o.personId);
    if (id && event && r.o.personId === event.personId) made.set(event.inboundEventId, id);
  });
  return events.map((e) => made.get(e.inboundEventId));
}

/**
 * The other children of the event's family to rate again: a plan changes
 * what the family sees; another event only when someone of the family has a plan to see.
 */
function rerated(e: StoredEvent, family: Family | undefined): string[] {
  if (!family || family.members.length === 0 || !FAMILY_SOURCES.has(e.source)) return [];
  const rerate = e.source === "CPIS" || family.ownPlan || family.members.some((m) => m.hasPlan);
  return rerate ? family.members.map((m) => m.personId) : [];
}
