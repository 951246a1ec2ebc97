// requestStepUp (front-door.md "Step-up requests"; seed 004 appendix 1): the early help manager
// of a family whose open episode names them asks the MASH to step it up, with reason CIN or CP,
// the answers to Camden's step-up questions, `urgent` for an immediate risk and the information
// for children's social care. It becomes a STEP_UP_REQUEST contact (RED when urgent, else AMBER)
// in the MASH queue, and MASH managers are alerted. Lack of engagement of a child under 5 or an
// unborn child needs managerSignOff: true.
import type { ActionAudit } from "./record-action.ts";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import type { RatingSettings } from "#notifications/rating-settings.ts";
import type { Viewer } from "#auth/viewer.ts";
import { forbidden } from "#errors/domain-error.ts";
import { raiseAlerts } from "#alerts/raise-alerts.ts";
import { loadRelatedChildren } from "#access/load-child-facts.ts";
import type { Notification } from "#notifications/map-notification.ts";
import { MASH_MANAGERS } from "./alert-targets.ts";
import { id, requiredText } from "./fields.ts";
import { makeContact } from "./make-contact.ts";
import { invalid, parseInput } from "./parse-input.ts";
import { proposeStepUpRating } from "./propose-rating.ts";
import { recordAction } from "./record-action.ts";
import { needsManagerSignOff } from "./sign-off-rule.ts";

const stepUpInput = z.object({
  childId: id,
  reason: z.enum(["CIN", "CP"]),
  answers: z.object({
    riskOfSignificantHarm: z.boolean(),
    needsUnmetAndWhy: requiredText(4_000),
    familyEngagement: requiredText(4_000),
    familyToldOfStepUp: z.boolean(),
    timescaleForChange: requiredText(1_000),
    lackOfEngagement: z.boolean(),
  }),
  informationForSocialCare: requiredText(10_000),
  urgent: z.boolean(),
  managerSignOff: z
    .boolean()
    .nullish()
    .transform((v) => v ?? null),
});

export async function requestStepUp(
  db: Db,
  rating: RatingSettings,
  viewer: Viewer,
  audit: ActionAudit,
  raw: unknown,
  now = new Date(),
): Promise<Notification> {
  if (viewer.role !== "EARLY_HELP_MANAGER") {
    throw forbidden("Only the family's early help manager may ask for a step-up");
  }
  const input = parseInput(stepUpInput, raw);
  const related = await loadRelatedChildren(db, viewer.sub, viewer.role, [input.childId]);
  if (!related.has(input.childId)) throw forbidden("You may not open this child's record");
  const child = await db.person.findUniqueOrThrow({
    where: { id: input.childId },
    select: { dateOfBirth: true, expectedDueDate: true },
  });
  if (
    needsManagerSignOff(child, input.answers.lackOfEngagement, now) &&
    input.managerSignOff !== true
  ) {
    throw invalid([
      {
        path: "managerSignOff",
        message:
          "must be true: a step-up for lack of engagement of a child under 5 or an unborn child needs management sign-off",
      },
    ]);
  }
  return db.$transaction(async (tx) => {
    const requestId = randomUUID();
    const notification = await makeContact(
      tx,
      {
        id: randomUUID(),
        personId: input.childId,
        kind: "STEP_UP_REQUEST",
        recordId: requestId,
        rating: proposeStepUpRating({ id: requestId, urgent: input.urgent }, rating.ruleSet),
        createdAt: now,
      },
      rating.timescales,
    );
    await tx.stepUpRequest.create({
      data: {
        id: requestId,
        notificationId: notification.id,
        requestedBy: viewer.sub,
        requestedByName: viewer.name ?? null,
        requestedAt: now,
        reason: input.reason,
        ...input.answers,
        informationForSocialCare: input.informationForSocialCare,
        urgent: input.urgent,
        managerSignOff: input.managerSignOff,
      },
    });
    await raiseAlerts(tx, notification, "STEP_UP_REQUEST", MASH_MANAGERS, notification.proposedRag);
    await recordAction(tx, viewer, audit, input.childId, `Mutation.requestStepUp:${input.reason}`);
    return notification;
  });
}
