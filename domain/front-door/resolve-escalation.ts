// resolveEscalation: a MASH manager records how a disagreement ended and whether the decision
// changed. Resolved once.
import type { ActionAudit } from "./record-action.ts";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import type { Viewer } from "#auth/viewer.ts";
import { conflict, forbidden, notFound } from "#errors/domain-error.ts";
import { announce } from "./announce.ts";
import { id, requiredText } from "./fields.ts";
import { mapEscalation } from "./map-rows.ts";
import { parseInput } from "./parse-input.ts";
import { recordAction } from "./record-action.ts";
import type { EscalationView } from "./types.ts";

const resolveInput = z.object({
  id,
  resolution: requiredText(4_000),
  decisionChanged: z.boolean(),
});

export async function resolveEscalation(
  db: Db,
  viewer: Viewer,
  audit: ActionAudit,
  raw: unknown,
  now = new Date(),
): Promise<EscalationView> {
  if (viewer.role !== "MASH_MANAGER")
    throw forbidden("Only a MASH manager may resolve escalations");
  const input = parseInput(resolveInput, raw);
  return db.$transaction(async (tx) => {
    const done = await tx.escalation.updateMany({
      where: { id: input.id, status: "OPEN" },
      data: {
        status: "RESOLVED",
        resolution: input.resolution,
        decisionChanged: input.decisionChanged,
        resolvedBy: viewer.sub,
        resolvedAt: now,
      },
    });
    const row = await tx.escalation.findUnique({
      where: { id: input.id },
      include: { notification: { select: { personId: true } } },
    });
    if (!row) throw notFound("Escalation");
    if (done.count === 0) throw conflict("Escalation has already been resolved");
    const childId = row.notification.personId;
    await announce(tx, row.notificationId, "ESCALATION_RESOLVED", {
      escalationId: row.id,
      decisionChanged: input.decisionChanged,
    });
    await recordAction(tx, viewer, audit, childId, "Mutation.resolveEscalation");
    return mapEscalation(row, childId);
  });
}
