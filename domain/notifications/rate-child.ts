// Rating one child whose picture is loaded: evaluate, record the assessment (with its rule
// version), and make the MASH notification, RED alerts and outbox rows rag-rules.md calls for.
// Used by onEventStored (per event) and by seeding (tools/seed).
import { randomUUID } from "node:crypto";
import type { Tx } from "#db/client.ts";
import { enqueueOutbox } from "#outbox/enqueue.ts";
import { evaluate, type Evaluation } from "#rag/index.ts";
import { raiseAlerts } from "#alerts/raise-alerts.ts";
import type { LoadedPicture } from "./load-picture.ts";
import { shouldNotify } from "./should-notify.ts";
import { dueBy } from "./due-by.ts";
import { reasonsToJson } from "./reasons.ts";
import { mapNotification, notificationMessage } from "./map-notification.ts";
import type { RatingSettings } from "./rating-settings.ts";

/** Advisory-lock namespace of "rating this child" (the second key is the child's id hash). */
const RATING_LOCK = 7_301;

/** Takes the rating lock of each child, in one order for everyone (no lock-order deadlock). */
export async function lockChildren(tx: Tx, personIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(personIds)].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RATING_LOCK}::int, hashtext(${id}))`;
  }
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

/** Rates the child; returns the id of the notification made (or already made), if any. */
export async function rateLoadedChild(
  tx: Tx,
  loaded: LoadedPicture,
  o: RateOptions,
): Promise<string | undefined> {
  const evaluation = evaluate(loaded.picture, o.asOf, o.settings.ruleSet);
  await insertAssessment(tx, o.personId, evaluation, o.triggerId);
  const cause = {
    recordIdsFromEvent: loaded.recordIdsFromEvent,
    previouslyFired: previouslyFiredRules(loaded.previousReasons),
  };
  const proposed = evaluation.proposed;
  if (!proposed || !shouldNotify(evaluation, loaded.hasOpenEarlyHelp, cause)) return undefined;
  return makeNotification(tx, o, { ...evaluation, proposed });
}

async function insertAssessment(
  tx: Tx,
  personId: string,
  evaluation: Evaluation,
  eventId: string,
): Promise<void> {
  // assessedAt is the clock at insert (not now(), the transaction's start): a rating that waited
  // for another child's lock is later than the one it waited for.
  await tx.$executeRaw`
    INSERT INTO "RagAssessment" ("id", "personId", "rag", "reasons", "ruleVersion", "eventId", "assessedAt")
    VALUES (${randomUUID()}::uuid, ${personId}::uuid, ${evaluation.proposed ?? "NONE"},
            ${JSON.stringify(reasonsToJson(evaluation.fired))}::jsonb, ${evaluation.ruleVersion}::int,
            ${eventId}::uuid, clock_timestamp())`;
}

async function makeNotification(
  tx: Tx,
  o: RateOptions,
  evaluation: Evaluation & { proposed: NonNullable<Evaluation["proposed"]> },
): Promise<string> {
  const id = randomUUID();
  const made = await tx.mashNotification.createMany({
    data: [
      {
        id,
        personId: o.personId,
        triggeringEventId: o.triggerId,
        createdAt: o.now,
        dueBy: dueBy(evaluation.proposed, o.now, o.settings.timescales),
        proposedRag: evaluation.proposed,
        reasons: reasonsToJson(evaluation.fired),
        ruleVersion: evaluation.ruleVersion,
      },
    ],
    skipDuplicates: true, // one notification per child and triggering event, however often it comes
  });
  if (made.count === 0) {
    const existing = await tx.mashNotification.findUniqueOrThrow({
      where: {
        triggeringEventId_personId: { triggeringEventId: o.triggerId, personId: o.personId },
      },
      select: { id: true },
    });
    return existing.id;
  }
  const notification = mapNotification(
    await tx.mashNotification.findUniqueOrThrow({ where: { id } }),
  );
  await enqueueOutbox(
    tx,
    "mash.notifications.v1",
    notification.childId,
    notificationMessage(notification, "CREATED"),
  );
  if (notification.proposedRag === "RED") {
    // Before anyone screens it: the duty inbox by e-mail, every MASH subscriber in the app.
    await raiseAlerts(tx, notification, "PROPOSED_RED", [
      { recipient: "MASH_DUTY", email: undefined, channels: ["EMAIL"] },
      { recipient: "ROLE:MASH", email: undefined, channels: ["IN_APP"] },
    ]);
  }
  return notification.id;
}
