// The proposed rating of a contact the front door makes (front-door.md "One queue"):
// - a REFERRAL: the child's current rules (the rules in force, on the child's whole picture
//   now) and REFERRAL_IMMEDIATE_RISK (RED) when the referrer says so; GREEN when nothing fires,
//   for the screener to rate;
// - a STEP_UP_REQUEST: RED when urgent (REFERRAL_IMMEDIATE_RISK), else AMBER.
// REFERRAL_IMMEDIATE_RISK is a version 2 rule (rag-rules.md) that reads the referral, not the
// child's agency records, so it is applied here rather than by the evaluator.
import type { Tx } from "#db/client.ts";
import { CURRENT_RULE_VERSION, evaluate, highestRag, type Rag } from "#rag/index.ts";
import { loadPicture } from "#notifications/load-picture.ts";
import { reasonsToJson, type RagReason } from "#notifications/reasons.ts";

export const REFERRAL_IMMEDIATE_RISK: Omit<RagReason, "evidence"> = {
  ruleId: "REFERRAL_IMMEDIATE_RISK",
  rag: "RED",
  description: "A referral or step-up request states an immediate risk of harm",
};

export interface ProposedRating {
  proposed: Rag;
  reasons: RagReason[];
  ruleVersion: number;
}

export async function proposeReferralRating(
  tx: Tx,
  personId: string,
  referral: { id: string; immediateRisk: boolean },
  now: Date,
): Promise<ProposedRating> {
  const { picture } = await loadPicture(tx, personId);
  const evaluation = evaluate(picture, now);
  const reasons: RagReason[] = reasonsToJson(evaluation.fired) as RagReason[];
  if (referral.immediateRisk) {
    reasons.unshift({ ...REFERRAL_IMMEDIATE_RISK, evidence: [referral.id] });
  }
  return {
    proposed: highestRag(reasons.map((r) => r.rag)) ?? "GREEN",
    reasons,
    ruleVersion: evaluation.ruleVersion,
  };
}

export function proposeStepUpRating(request: { id: string; urgent: boolean }): ProposedRating {
  return request.urgent
    ? {
        proposed: "RED",
        reasons: [{ ...REFERRAL_IMMEDIATE_RISK, evidence: [request.id] }],
        ruleVersion: CURRENT_RULE_VERSION,
      }
    : { proposed: "AMBER", reasons: [], ruleVersion: CURRENT_RULE_VERSION };
}
