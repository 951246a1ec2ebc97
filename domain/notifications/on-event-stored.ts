// Called by ingestion inside the event's transaction, after the agency record is stored:
// re-rates the child's whole picture (and, under a rule set that reads other children's plans,
// the family's other children whose picture the event may have changed), records each
// assessment, and makes the MASH notifications (and RED alerts, and outbox rows) that
// rag-rules.md calls for. Owned by notifications/.
//
// Order of arrival does not matter (rag-rules.md version 2): every child rated is locked first
// (a transaction advisory lock per child, taken in id order), so two events about one child, or
// about two children of one family, on different partitions rate one after the other, and the
// second sees what the first stored. The assessment's time is the clock at insert, not the
// transaction's start, so the latest assessment is the one made with the most records.
import type { Tx } from "#db/client.ts";
import type { AgencyName } from "#auth/viewer.ts";
import { familyOf } from "./family.ts";
import { lockChildren, rateLoadedChild } from "./rate-child.ts";
import { loadPictures } from "./load-picture.ts";
import { DEFAULT_RATING_SETTINGS, readsFamily, type RatingSettings } from "./rating-settings.ts";

export interface StoredEvent {
  /** InboundEvent.id (uuid) */
  inboundEventId: string;
  personId: string;
  source: AgencyName;
  occurredAt: Date;
}

export interface EventOutcome {
  notificationId: string | undefined;
}

/** Sources whose events can change another child's picture: a plan, or a new family link. */
const FAMILY_SOURCES: ReadonlySet<AgencyName> = new Set(["CPIS", "POLICE", "EARLY_HELP"]);

export async function onEventStored(
  tx: Tx,
  event: StoredEvent,
  settings: RatingSettings = DEFAULT_RATING_SETTINGS,
): Promise<EventOutcome> {
  const { ruleSet } = settings;
  const others = await familyToRerate(tx, event, settings);
  await lockChildren(tx, [event.personId, ...others]);
  const now = new Date();
  const pictures = await loadPictures(tx, [event.personId, ...others], event.inboundEventId);
  let notificationId: string | undefined;
  for (const personId of [event.personId, ...others]) {
    const loaded = pictures.get(personId);
    if (!loaded) continue;
    // Version 1 counts its windows back from the triggering event; version 2 from now.
    const asOf =
      ruleSet.windowsFrom === "EVENT" && personId === event.personId ? event.occurredAt : now;
    const made = await rateLoadedChild(tx, loaded, {
      personId,
      triggerId: event.inboundEventId,
      asOf,
      now,
      settings,
    });
    if (personId === event.personId) notificationId = made;
  }
  return { notificationId };
}

/**
 * The other children to rate again: those of the family, when the event could change what they
 * see (a plan, or a link that joins families) and someone of the family has a plan to see.
 */
async function familyToRerate(
  tx: Tx,
  event: StoredEvent,
  settings: RatingSettings,
): Promise<string[]> {
  if (!readsFamily(settings.ruleSet) || !FAMILY_SOURCES.has(event.source)) return [];
  const family = await familyOf(tx, event.personId);
  if (family.length === 0) return [];
  if (event.source === "CPIS") return family.map((m) => m.personId);
  const ownPlan = await tx.cpisPlan.count({ where: { personId: event.personId } });
  return ownPlan > 0 || family.some((m) => m.hasPlan) ? family.map((m) => m.personId) : [];
}
