// The proposed rating of a contact the front door makes (front-door.md "One queue"):
// - a REFERRAL: the rules in force on the child's whole picture now — the new referral included,
//   so REFERRAL_IMMEDIATE_RISK (RED, version 2) fires when the referrer says so; GREEN when
//   nothing fires, for the screener to rate. Under a rule set without that rule (version 1) an
//   immediate risk still proposes RED, with the rule named, as front-door.md requires;
// - a STEP_UP_REQUEST: RED when urgent (REFERRAL_IMMEDIATE_RISK), else AMBER.
import type { Tx } from "#db/client.ts";
import { evaluate, highestRag, type Rag, type RuleSet } from "#rag/index.ts";
import { loadPicture } from "#notifications/load-picture.ts";
import { reasonsToJson, type RagReason } from "#notifications/reasons.ts";

export const IMMEDIATE_RISK_RULE = "REFERRAL_IMMEDIATE_RISK";

export interface ProposedRating {
  proposed: Rag;
  reasons: RagReason[];
  ruleVersion: number;
}

function immediateRisk(ruleSet: RuleSet, recordId: string): RagReason {
  const rule = ruleSet.rules.find((r) => r.id === IMMEDIATE_RISK_RULE);
  return {
    ruleId: IMMEDIATE_RISK_RULE,
    rag: "RED",
    description:
      rule?.description ?? "A referral or step-up request states an immediate risk of harm",
    evidence: [recordId],
  };
}

export async function proposeReferralRating(
  tx: Tx,
  personId: string,
  referral: { id: string; immediateRisk: boolean },
  now: Date,
  ruleSet: RuleSet,
): Promise<ProposedRating> {
  const { picture } = await loadPicture(tx, personId);
  picture.referrals = [
    ...(picture.referrals ?? []),
    { id: referral.id, receivedAt: now, kind: "REFERRAL", immediateRisk: referral.immediateRisk },
  ];
  const evaluation = evaluate(picture, now, ruleSet);
  const reasons: RagReason[] = reasonsToJson(evaluation.fired) as RagReason[];
  if (referral.immediateRisk && !reasons.some((r) => r.ruleId === IMMEDIATE_RISK_RULE)) {
    reasons.unshift(immediateRisk(ruleSet, referral.id));
  }
  return {
    proposed: highestRag(reasons.map((r) => r.rag)) ?? "GREEN",
    reasons,
    ruleVersion: evaluation.ruleVersion,
  };
}

export function proposeStepUpRating(
  request: { id: string; urgent: boolean },
  ruleSet: RuleSet,
): ProposedRating {
  return request.urgent
    ? {
        proposed: "RED",
        reasons: [immediateRisk(ruleSet, request.id)],
        ruleVersion: ruleSet.version,
      }
    : { proposed: "AMBER", reasons: [], ruleVersion: ruleSet.version };
}
