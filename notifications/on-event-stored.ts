// Called by ingestion inside the event's transaction, after the agency record is stored:
// re-rates the child's whole picture, records the assessment, and makes the MASH notification
// (and RED alerts, and outbox rows) that rag-rules.md calls for. Owned by notifications/.
import { randomUUID } from "node:crypto";
import type { Tx } from "../db/client.ts";
import type { AgencyName } from "../auth/viewer.ts";
import { enqueueOutbox } from "../outbox/enqueue.ts";
import { evaluate } from "../rag/index.ts";
import { raiseAlerts } from "../alerts/raise-alerts.ts";
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
  const { picture, hasOpenEarlyHelp, recordIdsFromEvent } = await loadPicture(
    tx,
    event.personId,
    event.inboundEventId,
  );
  const evaluation = evaluate(picture, event.occurredAt);
  const previous = await tx.ragAssessment.findFirst({
    where: { personId: event.personId },
    orderBy: { assessedAt: "desc" },
    select: { reasons: true },
  });
  const previouslyFired = new Set(
    Array.isArray(previous?.reasons)
      ? previous.reasons.flatMap((r) =>
          r && typeof r === "object" && "ruleId" in r ? [String(r.ruleId)] : [],
        )
      : [],
  );
  const reasons = reasonsToJson(evaluation.fired);
  await tx.ragAssessment.create({
    data: {
      personId: event.personId,
      rag: evaluation.proposed ?? "NONE",
      reasons,
      ruleVersion: evaluation.ruleVersion,
      eventId: event.inboundEventId,
    },
  });
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
