// recordConsent: stores a consent record (or a justified override) and, in the same
// transaction, the access event that records the decision.
import { POLICY_VERSION } from "#access/categories.ts";
import { loadRelatedChildren } from "#access/load-child-facts.ts";
import { isChildId } from "#access/request-access.ts";
import type { AuditService } from "#audit/audit-service.ts";
import { isEarlyHelpRole, isMashRole, type AgencyName, type Viewer } from "#auth/viewer.ts";
import type { Db } from "#db/client.ts";
import { badInput, forbidden, notFound } from "#errors/domain-error.ts";
import { consentProblems, type ConsentInput } from "./validate-consent.ts";
import type { ConsentStatus } from "#access/consent-standing.ts";

export interface Consent {
  id: string;
  childId: string;
  status: ConsentStatus;
  scope: AgencyName[];
  legalBasis: string;
  justification: string | null;
  recordedBy: string;
  recordedAt: Date;
  expiresAt: Date | null;
}

export async function recordConsent(
  db: Db,
  audit: Pick<AuditService, "appendInTx">,
  viewer: Viewer,
  purpose: string | undefined,
  input: ConsentInput,
  now = new Date(),
): Promise<Consent> {
  if (!isMashRole(viewer.role) && !isEarlyHelpRole(viewer.role)) {
    throw forbidden("Your role may not record consent");
  }
  if (!isChildId(input.childId)) throw notFound("Child");
  const problems = consentProblems(input, viewer.role, now);
  const refusal = problems.find((p) => p.code === "FORBIDDEN");
  if (refusal) throw forbidden(refusal.message);
  if (problems.length > 0) {
    throw badInput(problems.map((p) => p.message).join("; "), {
      fields: problems.flatMap((p) => ("field" in p ? [p.field] : [])),
    });
  }
  if (isEarlyHelpRole(viewer.role)) {
    const related = await loadRelatedChildren(db, viewer.sub, viewer.role, [input.childId]);
    if (!related.has(input.childId)) throw forbidden("You may not open this child's record");
  }
  const child = await db.person.findUnique({
    where: { id: input.childId },
    select: { id: true, isChild: true },
  });
  if (!child?.isChild) throw notFound("Child");
  const row = await db.$transaction(async (tx) => {
    const created = await tx.consentRecord.create({
      data: {
        personId: input.childId,
        status: input.status,
        scope: input.scope,
        legalBasis: input.legalBasis,
        justification: input.justification?.trim() || null,
        recordedBy: viewer.sub,
        recordedRole: viewer.role,
        expiresAt: input.expiresAt ?? null,
      },
    });
    await audit.appendInTx(tx, [
      {
        personId: input.childId,
        actor: viewer.sub,
        role: viewer.role,
        purpose,
        legalBasis: input.legalBasis,
        disclosed: [`Mutation.recordConsent:${input.status}`],
        withheld: [],
        policyVersion: POLICY_VERSION,
      },
    ]);
    return created;
  });
  return {
    id: row.id,
    childId: row.personId,
    status: row.status as ConsentStatus,
    scope: row.scope,
    legalBasis: row.legalBasis,
    justification: row.justification,
    recordedBy: row.recordedBy,
    recordedAt: row.recordedAt,
    expiresAt: row.expiresAt,
  };
}
