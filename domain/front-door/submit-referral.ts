// submitReferral (front-door.md "Referrals"): anyone may refer; the referrer never gets child
// data back, only whether it was accepted, the contact's id and what is missing.
// - a bad value: refused (BAD_USER_INPUT naming each field) and kept as a rejected referral;
// - a professional's referral lacking what the partnerships ask for: returned for completion
//   (accepted: false, every gap named) and kept as a rejected referral; nothing else stored;
// - immediate risk: never returned (accepted, proposed RED, its gaps kept for the screener);
//   a member of the public, a family member or the child: never returned;
// - the child: the childId given, or the subject matched exactly as an event's (exact,
//   probabilistic, or held for review);
// - the same clientReference from the same caller again: the same referral, not a second one.
import type { ActionAudit } from "./record-action.ts";
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "#db/client.ts";
import type { RatingSettings } from "#notifications/rating-settings.ts";
import { isEarlyHelpRole, type Viewer } from "#auth/viewer.ts";
import { forbidden, notFound } from "#errors/domain-error.ts";
import { loadRelatedChildren } from "#access/load-child-facts.ts";
import { isChildId } from "#access/request-access.ts";
import { live, resolveSubject } from "#identity/resolve-subject.ts";
import { retryTransaction } from "#ingestion/retry-transaction.ts";
import { referralGaps } from "./completeness.ts";
import { makeContact } from "./make-contact.ts";
import { invalid } from "./parse-input.ts";
import { proposeReferralRating } from "./propose-rating.ts";
import { readReferral, type ReferralInput } from "./referral-input.ts";
import { recordAction } from "./record-action.ts";
import { issuesFromJson } from "./map-rows.ts";
import type { ReferralResult, ValidationIssue } from "./types.ts";

export async function submitReferral(
  db: Db,
  rating: RatingSettings,
  viewer: Viewer,
  audit: ActionAudit,
  raw: unknown,
  now = new Date(),
): Promise<ReferralResult> {
  if (viewer.role === "AUDITOR") throw forbidden("Auditors may not make referrals");
  const read = readReferral(raw);
  if (!read.ok) {
    await keepRejected(db, viewer, raw, "INVALID", read.issues);
    throw invalid(read.issues);
  }
  const input = read.input;
  const gaps = referralGaps(input);
  if (gaps.length > 0 && !input.immediateRisk) {
    await keepRejected(db, viewer, raw, "INCOMPLETE", gaps);
    return { accepted: false, notificationId: null, missing: gaps };
  }
  if (input.childId && isEarlyHelpRole(viewer.role)) {
    // their own families by id; anyone else by what they know of the child (subject)
    const related = await loadRelatedChildren(db, viewer.sub, viewer.role, [input.childId]);
    if (!related.has(input.childId)) throw forbidden("You may not open this child's record");
  }
  return retryTransaction(db, async (tx) => {
    if (input.clientReference) {
      const same = await sameReferral(tx, viewer.sub, input.clientReference);
      if (same) return same;
    }
    const { personId, outcome } = await findChild(tx, input);
    const referralId = randomUUID();
    const proposal = await proposeReferralRating(
      tx,
      personId,
      { id: referralId, immediateRisk: input.immediateRisk },
      now,
      rating.ruleSet,
    );
    const notification = await makeContact(
      tx,
      {
        id: randomUUID(),
        personId,
        kind: "REFERRAL",
        recordId: referralId,
        rating: proposal,
        createdAt: now,
      },
      rating.timescales,
    );
    await tx.referral.create({
      data: {
        id: referralId,
        notificationId: notification.id,
        submittedBy: viewer.sub,
        submittedRole: viewer.role,
        clientReference: input.clientReference,
        receivedAt: now,
        referrerName: input.referrer.name,
        referrerRole: input.referrer.role,
        referrerOrganisation: input.referrer.organisation,
        referrerEmail: input.referrer.email,
        referrerPhone: input.referrer.phone,
        concerns: input.concerns,
        immediateRisk: input.immediateRisk,
        familyMembers: input.familyMembers,
        previousSupport: input.previousSupport,
        parentsInformed: input.parentsInformed,
        consent: input.consent,
        consentReason: input.consentReason,
        missing: gaps as unknown as object[],
        identityOutcome: outcome,
      },
    });
    await recordAction(tx, viewer, audit, personId, "Mutation.submitReferral");
    return { accepted: true, notificationId: notification.id, missing: gaps };
  });
}

/** The referral this caller already sent with this reference (serialised per reference). */
async function sameReferral(
  tx: Tx,
  submittedBy: string,
  clientReference: string,
): Promise<ReferralResult | undefined> {
  const key = JSON.stringify([submittedBy, clientReference]);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  const existing = await tx.referral.findUnique({
    where: { submittedBy_clientReference: { submittedBy, clientReference } },
    select: { notificationId: true, missing: true },
  });
  return existing
    ? {
        accepted: true,
        notificationId: existing.notificationId,
        missing: issuesFromJson(existing.missing),
      }
    : undefined;
}

async function findChild(
  tx: Tx,
  input: ReferralInput,
): Promise<{ personId: string; outcome: string }> {
  if (input.childId) {
    if (!isChildId(input.childId)) throw notFound("Child");
    const personId = await live(tx, input.childId);
    const person = await tx.person.findUnique({
      where: { id: personId },
      select: { isChild: true },
    });
    if (!person?.isChild) throw notFound("Child");
    return { personId, outcome: "GIVEN" };
  }
  const s = input.subject!;
  const resolution = await resolveSubject(tx, null, {
    nhsNumber: s.nhsNumber,
    upn: s.upn,
    givenName: s.givenName,
    familyName: s.familyName,
    dateOfBirth: s.dateOfBirth,
    expectedDueDate: s.expectedDueDate,
    postcode: s.postcode,
  });
  return { personId: resolution.personId, outcome: resolution.outcome };
}

/** A referral not taken in, kept with every issue (as a rejected agency event is). */
async function keepRejected(
  db: Db,
  viewer: Viewer,
  raw: unknown,
  reason: "INVALID" | "INCOMPLETE",
  issues: ValidationIssue[],
): Promise<void> {
  const given = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const reference = given["clientReference"];
  await db.rejectedReferral.create({
    data: {
      submittedBy: viewer.sub,
      submittedRole: viewer.role,
      clientReference: typeof reference === "string" ? reference.slice(0, 100) : null,
      reason,
      issues: issues as unknown as object[],
      input: JSON.parse(JSON.stringify(raw ?? null)) as object,
    },
  });
}
