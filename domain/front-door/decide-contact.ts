// decide (front-door.md "Decisions and who is told"): a MASH manager records the outcome of a
// screened contact with a rationale. In one transaction: the decision (and whether it met the
// contact's dueBy), the outcome's next actions with owners and due times, the contact's new
// status, its announcement on mash.notifications.v1, the early help family's alerts, and — for
// a referral with an e-mail address — the referrer's e-mail as a PENDING row that the e-mail
// worker sends once (so a hub that stops after the decision still tells the referrer).
import type { ActionAudit } from "./record-action.ts";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db, Tx } from "#db/client.ts";
import type { Viewer } from "#auth/viewer.ts";
import { conflict, forbidden, notFound } from "#errors/domain-error.ts";
import { raiseAlerts } from "#alerts/raise-alerts.ts";
import { mapNotification, type Notification } from "#notifications/map-notification.ts";
import { earlyHelpTargets } from "./alert-targets.ts";
import { announce } from "./announce.ts";
import { id, nextActionList, optionalText, requiredText, type NextActionInput } from "./fields.ts";
import { outcomeMeaning } from "./outcomes.ts";
import { parseInput } from "./parse-input.ts";
import { recordAction } from "./record-action.ts";
import { OUTCOMES } from "./types.ts";

const decideInput = z.object({
  notificationId: id,
  outcome: z.enum(OUTCOMES),
  rationale: requiredText(4_000),
  nextActions: nextActionList.nullish().transform((v) => v ?? []),
  advice: optionalText(2_000),
});

export async function decideContact(
  db: Db,
  viewer: Viewer,
  audit: ActionAudit,
  raw: unknown,
  now = new Date(),
): Promise<Notification> {
  if (viewer.role !== "MASH_MANAGER") throw forbidden("Only a MASH manager may decide");
  const input = parseInput(decideInput, raw);
  const meaning = outcomeMeaning(input.outcome);
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      Array<{ id: string; status: string; dueBy: Date; kind: string; personId: string }>
    >`SELECT id, status, "dueBy", kind, "personId" FROM "MashNotification"
       WHERE id = ${input.notificationId}::uuid FOR UPDATE`;
    if (!row) throw notFound("Notification");
    if (row.status === "AWAITING_SCREENING") {
      throw conflict("Notification cannot be decided before it is screened");
    }
    const already = await tx.decision.findUnique({
      where: { notificationId: row.id },
      select: { id: true },
    });
    if (already) throw conflict("Notification has already been decided");

    const withinTimescale = now.getTime() <= row.dueBy.getTime();
    await tx.decision.create({
      data: {
        notificationId: row.id,
        outcome: input.outcome,
        rationale: input.rationale,
        advice: input.advice,
        decidedBy: viewer.sub,
        decidedAt: now,
        dueBy: row.dueBy,
        withinTimescale,
      },
    });
    const actions = withOutcomeActions(meaning.nextActions, input.nextActions);
    await tx.nextAction.createMany({
      data: actions.map((a, i) => ({
        id: randomUUID(),
        notificationId: row.id,
        action: a.action,
        assignee: a.assignee,
        dueBy: a.dueBy,
        createdAt: new Date(now.getTime() + i), // keeps the order given
        createdBy: viewer.sub,
      })),
    });
    const updated = await tx.mashNotification.update({
      where: { id: row.id },
      data: {
        status: row.status === "STEPPED_UP" ? "STEPPED_UP" : meaning.status,
        nextActions: actions.map((a) => a.action),
        ...(meaning.stepUpReason && row.status !== "STEPPED_UP"
          ? {
              stepUpReason: meaning.stepUpReason,
              stepUpRationale: input.rationale,
              steppedUpBy: viewer.sub,
              steppedUpAt: now,
            }
          : {}),
      },
    });
    const n = mapNotification(updated);
    await announce(tx, n.id, "DECIDED", {
      outcome: input.outcome,
      withinTimescale,
      decidedAt: now.toISOString(),
    });
    if (row.kind === "REFERRAL") await queueReferrerEmail(tx, row.id, input, now);
    await raiseAlerts(
      tx,
      n,
      "DECIDED",
      await earlyHelpTargets(tx, n.childId),
      n.rag ?? n.proposedRag,
    );
    await recordAction(tx, viewer, audit, n.childId, `Mutation.decide:${input.outcome}`);
    return n;
  });
}

/** The outcome's actions, with the owner and due time the manager gave; then any others given. */
function withOutcomeActions(defaults: string[], given: NextActionInput[]): NextActionInput[] {
  const byName = new Map(given.map((a) => [a.action, a]));
  const first = defaults.map(
    (action) => byName.get(action) ?? { action, assignee: null, dueBy: null },
  );
  return [...first, ...given.filter((a) => !defaults.includes(a.action))];
}

/** The referrer's outcome e-mail, fixed now and sent by the e-mail worker (once). */
async function queueReferrerEmail(
  tx: Tx,
  notificationId: string,
  input: z.infer<typeof decideInput>,
  now: Date,
): Promise<void> {
  const referral = await tx.referral.findUnique({
    where: { notificationId },
    select: { referrerEmail: true, clientReference: true, receivedAt: true },
  });
  if (!referral?.referrerEmail) return;
  const meaning = outcomeMeaning(input.outcome);
  await tx.referrerEmail.create({
    data: {
      notificationId,
      toAddress: referral.referrerEmail,
      outcome: input.outcome,
      level: String(meaning.level),
      advice: input.advice ?? meaning.defaultAdvice,
      reference: referral.clientReference,
      receivedAt: referral.receivedAt,
      createdAt: now,
    },
  });
}
