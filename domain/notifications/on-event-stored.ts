// Called by ingestion inside the event's transaction, after the agency record is stored:
// re-rates the child's whole picture, records the assessment, and makes the MASH notification
// (and RED alerts, and outbox rows) that rag-rules.md calls for. Owned by notifications/.
import { randomUUID } from "node:crypto";
import type { Tx } from "#db/client.ts";
import type { AgencyName } from "#auth/viewer.ts";
import { enqueueOutbox } from "#outbox/enqueue.ts";
import { evaluate } from "#rag/index.ts";
import { raiseAlerts } from "#alerts/raise-alerts.ts";
import { loadPicture } from "./load-picture.ts";
import { shouldNotify } from "./should-notify.ts";
import { dueBy } from "./due-by.ts";
import { reasonsToJson } from "./reasons.ts";
import { mapNotification, notificationMessage } from "./map-notification.ts";

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

export async function onEventStored(tx: Tx, event: StoredEvent): Promise<EventOutcome> {
  // The picture and the previous assessment come in one raw query; the assessment is one raw
  // insert (each Prisma call costs ~3x a raw one on this path, which every event takes).
  const { picture, hasOpenEarlyHelp, recordIdsFromEvent, previousReasons } = await loadPicture(
    tx,
    event.personId,
    event.inboundEventId,
  );
  const evaluation = evaluate(picture, event.occurredAt);
  const previouslyFired = new Set(
    Array.isArray(previousReasons)
      ? previousReasons.flatMap((r: unknown) =>
          r && typeof r === "object" && "ruleId" in r ? [String(r.ruleId)] : [],
        )
      : [],
  );
  const reasons = reasonsToJson(evaluation.fired);
  await tx.$executeRaw`
    INSERT INTO "RagAssessment" ("id", "personId", "rag", "reasons", "ruleVersion", "eventId")
    VALUES (${randomUUID()}::uuid, ${event.personId}::uuid, ${evaluation.proposed ?? "NONE"},
            ${JSON.stringify(reasons)}::jsonb, ${evaluation.ruleVersion}::int,
            ${event.inboundEventId}::uuid)`;
  if (
    !evaluation.proposed ||
    !shouldNotify(evaluation, hasOpenEarlyHelp, { recordIdsFromEvent, previouslyFired })
  ) {
    return { notificationId: undefined };
  }

  const createdAt = new Date();
  const id = randomUUID();
  const made = await tx.mashNotification.createMany({
    data: [
      {
        id,
        personId: event.personId,
        triggeringEventId: event.inboundEventId,
        createdAt,
        dueBy: dueBy(evaluation.proposed, createdAt),
        proposedRag: evaluation.proposed,
        reasons,
        ruleVersion: evaluation.ruleVersion,
      },
    ],
    skipDuplicates: true, // one notification per triggering event, however often it comes
  });
  if (made.count === 0) {
    const existing = await tx.mashNotification.findUniqueOrThrow({
      where: { triggeringEventId: event.inboundEventId },
      select: { id: true },
    });
    return { notificationId: existing.id };
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
  return { notificationId: notification.id };
}
