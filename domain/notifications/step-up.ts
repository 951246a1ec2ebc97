// Step up to children's social care with reason CIN or CP, and the next actions that follow.
// Only a screened notification is stepped up (so that its rating, rationale and screener are
// recorded first); who stepped it up and when are kept with the rationale.
import type { Db } from "#db/client.ts";
import type { Viewer } from "#auth/viewer.ts";
import { enqueueOutbox } from "#outbox/enqueue.ts";
import { nextActionsForStepUp, type StepUpReason } from "./next-actions.ts";
import { mapNotification, notificationMessage, type Notification } from "./map-notification.ts";
import { explainRefusal, requireMashRole, requireRationale } from "./screen-notification.ts";

export async function stepUp(
  db: Db,
  viewer: Viewer,
  input: { notificationId: string; reason: StepUpReason; rationale: string },
): Promise<Notification> {
  requireMashRole(viewer);
  const rationale = requireRationale(input.rationale);
  return db.$transaction(async (tx) => {
    const updated = await tx.mashNotification.updateMany({
      where: { id: input.notificationId, status: "SCREENED" },
      data: {
        status: "STEPPED_UP",
        stepUpReason: input.reason,
        stepUpRationale: rationale,
        steppedUpBy: viewer.sub,
        steppedUpAt: new Date(),
        nextActions: nextActionsForStepUp(input.reason),
      },
    });
    if (updated.count === 0) await explainRefusal(tx, input.notificationId, "stepped up");
    const n = mapNotification(
      await tx.mashNotification.findUniqueOrThrow({ where: { id: input.notificationId } }),
    );
    await enqueueOutbox(
      tx,
      "mash.notifications.v1",
      n.childId,
      notificationMessage(n, "STEPPED_UP"),
    );
    return n;
  });
}
