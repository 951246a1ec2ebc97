// raiseEscalation (front-door.md "Disagreements"; seed 003 appendix D, seed 004 section 6): a
// referrer or partner disagrees; recorded with who and why, MASH managers alerted, open until
// resolved. MASH roles may record one on any contact, early help roles on their families'
// contacts, an agency system on the referrals it sent; to anyone else the contact does not exist.
import type { ActionAudit } from "./record-action.ts";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import { isEarlyHelpRole, isMashRole, type Viewer } from "#auth/viewer.ts";
import { forbidden, notFound } from "#errors/domain-error.ts";
import { raiseAlerts } from "#alerts/raise-alerts.ts";
import { loadRelatedChildren } from "#access/load-child-facts.ts";
import { MASH_MANAGERS } from "./alert-targets.ts";
import { announce } from "./announce.ts";
import { id, requiredText } from "./fields.ts";
import { mapEscalation } from "./map-rows.ts";
import { parseInput } from "./parse-input.ts";
import { recordAction } from "./record-action.ts";
import type { EscalationView } from "./types.ts";

const raiseInput = z.object({
  notificationId: id,
  raisedBy: requiredText(200),
  rationale: requiredText(4_000),
});

export async function raiseEscalation(
  db: Db,
  viewer: Viewer,
  audit: ActionAudit,
  raw: unknown,
  now = new Date(),
): Promise<EscalationView> {
  if (viewer.role === "AUDITOR") throw forbidden("Auditors may not raise escalations");
  const input = parseInput(raiseInput, raw);
  const contact = await db.mashNotification.findUnique({
    where: { id: input.notificationId },
    select: { id: true, personId: true, rag: true, proposedRag: true },
  });
  if (!contact || !(await mayRaise(db, viewer, contact))) throw notFound("Notification");
  return db.$transaction(async (tx) => {
    const row = await tx.escalation.create({
      data: {
        notificationId: contact.id,
        raisedBy: input.raisedBy,
        recordedBy: viewer.sub,
        rationale: input.rationale,
        raisedAt: now,
      },
    });
    await announce(tx, contact.id, "ESCALATION_RAISED", { escalationId: row.id });
    const rag = contact.rag ?? contact.proposedRag;
    await raiseAlerts(
      tx,
      { id: contact.id, childId: contact.personId },
      `ESCALATION:${row.id}`,
      MASH_MANAGERS,
      rag === "RED" || rag === "AMBER" || rag === "GREEN" ? rag : "AMBER",
    );
    await recordAction(tx, viewer, audit, contact.personId, "Mutation.raiseEscalation");
    return mapEscalation(row, contact.personId);
  });
}

async function mayRaise(db: Db, viewer: Viewer, contact: { id: string; personId: string }) {
  if (isMashRole(viewer.role)) return true;
  if (isEarlyHelpRole(viewer.role)) {
    const related = await loadRelatedChildren(db, viewer.sub, viewer.role, [contact.personId]);
    return related.has(contact.personId);
  }
  if (viewer.role === "AGENCY_SYSTEM") {
    const mine = await db.referral.findFirst({
      where: { notificationId: contact.id, submittedBy: viewer.sub },
      select: { id: true },
    });
    return mine !== null;
  }
  return false;
}
