// Each front door change is recorded on the child's access log in the transaction that makes it
// (as recordConsent is): who did what about the child, on what basis, e.g.
// "Mutation.decide:STRATEGY_DISCUSSION". What responses then disclose is audited by the policy.
import { POLICY_VERSION } from "#access/categories.ts";
import { appendAccessEventsInTx } from "#audit/append-access-events.ts";
import type { Viewer } from "#auth/viewer.ts";
import type { Tx } from "#db/client.ts";

/** What a front door change's access event needs beside the change: the caller's purpose and
 * the audit chain's key. */
export interface ActionAudit {
  purpose: string | undefined;
  chainKey: string;
}

export async function recordAction(
  tx: Tx,
  viewer: Viewer,
  audit: ActionAudit,
  childId: string,
  action: string,
): Promise<void> {
  const { purpose } = audit;
  await appendAccessEventsInTx(tx, audit.chainKey, [
    {
      personId: childId,
      actor: viewer.sub,
      role: viewer.role,
      purpose,
      legalBasis: undefined,
      disclosed: [action],
      withheld: [],
      policyVersion: POLICY_VERSION,
    },
  ]);
}
