// completeNextAction: a next action is done. MASH roles may complete any; anyone else only an
// action assigned to them (to everyone else it does not exist). Completed once.
import type { ActionAudit } from "./record-action.ts";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import { isMashRole, type Viewer } from "#auth/viewer.ts";
import { conflict, notFound } from "#errors/domain-error.ts";
import { announce } from "./announce.ts";
import { id } from "./fields.ts";
import { mapNextAction } from "./map-rows.ts";
import { parseInput } from "./parse-input.ts";
import { recordAction } from "./record-action.ts";
import type { NextActionView } from "./types.ts";

export async function completeNextAction(
  db: Db,
  viewer: Viewer,
  audit: ActionAudit,
  raw: unknown,
  now = new Date(),
): Promise<NextActionView> {
  const input = parseInput(z.object({ id }), raw);
  return db.$transaction(async (tx) => {
    const row = await tx.nextAction.findUnique({
      where: { id: input.id },
      include: { notification: { select: { personId: true } } },
    });
    if (!row || (!isMashRole(viewer.role) && row.assignee !== viewer.sub)) {
      throw notFound("Next action");
    }
    const done = await tx.nextAction.updateMany({
      where: { id: row.id, completedAt: null },
      data: { completedAt: now, completedBy: viewer.sub },
    });
    if (done.count === 0) throw conflict("Next action has already been completed");
    const childId = row.notification.personId;
    await announce(tx, row.notificationId, "ACTION_COMPLETED", {
      actionId: row.id,
      action: row.action,
    });
    await recordAction(tx, viewer, audit, childId, "Mutation.completeNextAction");
    return mapNextAction({ ...row, completedAt: now, completedBy: viewer.sub }, childId);
  });
}
