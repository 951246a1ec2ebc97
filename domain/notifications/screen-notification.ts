// A screener completes a notification: confirms or changes the proposed rating with a rationale
// (the proposal is kept beside it), the next actions follow from the rating, and only now are the
// family's early help manager and lead professional alerted (and for RED the duty inbox again).
import type { Db, Tx } from "#db/client.ts";
import { isMashRole, type Viewer } from "#auth/viewer.ts";
import { badInput, conflict, forbidden, notFound } from "#errors/domain-error.ts";
import { enqueueOutbox } from "#outbox/enqueue.ts";
import { raiseAlerts, type AlertTarget } from "#alerts/raise-alerts.ts";
import { MASH_DUTY } from "#alerts/recipients.ts";
import type { Rag } from "#rag/index.ts";
import { nextActionsForScreening } from "./next-actions.ts";
import { mapNotification, notificationMessage, type Notification } from "./map-notification.ts";

export const MAX_RATIONALE = 4000;

export function requireMashRole(viewer: Viewer): void {
  if (!isMashRole(viewer.role)) throw forbidden("Only MASH screeners and managers may do this");
}

export function requireRationale(rationale: string): string {
  const text = rationale.trim();
  if (text.length === 0) throw badInput("rationale is required", { field: "rationale" });
  if (text.length > MAX_RATIONALE) {
    throw badInput(`rationale is longer than ${MAX_RATIONALE} characters`, { field: "rationale" });
  }
  return text;
}

export async function screenNotification(
  db: Db,
  viewer: Viewer,
  input: { id: string; rag: Rag; rationale: string },
): Promise<Notification> {
  requireMashRole(viewer);
  const rationale = requireRationale(input.rationale);
  return db.$transaction(async (tx) => {
    const updated = await tx.mashNotification.updateMany({
      where: { id: input.id, status: "AWAITING_SCREENING" },
      data: {
        status: "SCREENED",
        rag: input.rag,
        rationale,
        screenedBy: viewer.sub,
        screenedAt: new Date(),
        nextActions: nextActionsForScreening(input.rag),
      },
    });
    if (updated.count === 0) await explainRefusal(tx, input.id, "screened");
    const n = mapNotification(
      await tx.mashNotification.findUniqueOrThrow({ where: { id: input.id } }),
    );
    await enqueueOutbox(tx, "mash.notifications.v1", n.childId, notificationMessage(n, "SCREENED"));
    await raiseAlerts(
      tx,
      n,
      "SCREENED",
      await screenedTargets(tx, n.childId, input.rag),
      input.rag,
    );
    return n;
  });
}

async function screenedTargets(tx: Tx, childId: string, rag: Rag): Promise<AlertTarget[]> {
  const episode = await tx.earlyHelpEpisode.findFirst({
    where: { personId: childId, status: "OPEN" },
    orderBy: { openedAt: "desc" },
    select: {
      managerId: true,
      managerEmail: true,
      leadProfessionalId: true,
      leadProfessionalEmail: true,
    },
  });
  const targets: AlertTarget[] = [];
  if (episode?.managerId) {
    targets.push({
      recipient: episode.managerId,
      email: episode.managerEmail ?? undefined,
      channels: ["IN_APP", "EMAIL"],
    });
  }
  if (episode?.leadProfessionalId) {
    targets.push({
      recipient: episode.leadProfessionalId,
      email: episode.leadProfessionalEmail ?? undefined,
      channels: ["IN_APP", "EMAIL"],
    });
  }
  if (rag === "RED") targets.push({ recipient: MASH_DUTY, email: undefined, channels: ["EMAIL"] });
  return targets;
}

/** Throws NOT_FOUND for an unknown notification, CONFLICT when it is past this step. */
export async function explainRefusal(tx: Tx, id: string, step: string): Promise<never> {
  const row = await tx.mashNotification.findUnique({ where: { id }, select: { status: true } });
  if (!row) throw notFound("Notification");
  if (row.status === "AWAITING_SCREENING") {
    throw conflict(`Notification cannot be ${step} before it is screened`);
  }
  throw conflict(`Notification cannot be ${step}: it is ${row.status}`);
}
