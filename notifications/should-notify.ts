// Whether an evaluation makes a MASH notification (rag-rules.md "When a notification is made"):
// for a child with an open early help episode any fired rule does; otherwise AMBER or RED.
import type { Evaluation } from "../rag/index.ts";

export function shouldNotify(evaluation: Evaluation, hasOpenEarlyHelp: boolean): boolean {
  if (!evaluation.proposed) return false;
  if (hasOpenEarlyHelp) return true;
  return evaluation.proposed === "AMBER" || evaluation.proposed === "RED";
}
