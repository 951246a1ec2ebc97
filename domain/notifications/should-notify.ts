// Whether an evaluation makes a MASH notification (rag-rules.md "When a notification is made"):
// for a child with an open early help episode, any rule the event made fire does; otherwise an
// AMBER or RED rule the event made fire does.
//
// "Made fire" (docs/decisions.md): the rule cites a record this event stored in its evidence, or
// it did not fire in the child's previous assessment. Without this, a rule with no time window
// (a HIGH-risk police notification years ago) would re-notify on every unrelated later event.
import type { Evaluation, FiredRule, Rag } from "#rag/index.ts";

export interface EventCause {
  /** Ids of the agency records this event stored or updated. */
  recordIdsFromEvent: ReadonlySet<string>;
  /** Rule ids that fired in the child's previous assessment (empty for the first). */
  previouslyFired: ReadonlySet<string>;
}

export function rulesMadeToFire(evaluation: Evaluation, cause: EventCause): FiredRule[] {
  return evaluation.fired.filter(
    (rule) =>
      !cause.previouslyFired.has(rule.ruleId) ||
      rule.evidence.some((id) => cause.recordIdsFromEvent.has(id)),
  );
}

const rank: Record<Rag, number> = { GREEN: 1, AMBER: 2, RED: 3 };

export function shouldNotify(
  evaluation: Evaluation,
  hasOpenEarlyHelp: boolean,
  cause?: EventCause,
): boolean {
  if (!evaluation.proposed) return false;
  const caused = cause ? rulesMadeToFire(evaluation, cause) : evaluation.fired;
  if (caused.length === 0) return false;
  if (hasOpenEarlyHelp) return true;
  return caused.some((rule) => rank[rule.rag] >= rank.AMBER);
}
