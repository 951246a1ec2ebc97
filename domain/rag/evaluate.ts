// The one evaluator: reads a child's whole picture and returns every rule that fired, with its
// evidence, and the proposed rating (the highest fired). Pure. `asOf` is the triggering event's
// time for version 1 and the time of evaluation for version 2 (RuleSet.windowsFrom).
import type {
  ChildPicture,
  Evaluation,
  FiredRule,
  Rag,
  RuleDefinition,
  RuleId,
  RuleSet,
} from "./types.ts";
import { CHECKS_V1, type Check } from "./checks.ts";
import { CHECKS_V2 } from "./checks-v2.ts";
import { highestRag } from "./rag-order.ts";
import { RULE_SET_V1 } from "./rules-v1.ts";
import type { Window } from "./time-window.ts";

const CHECKS: Partial<Record<RuleId, Check>> = { ...CHECKS_V1, ...CHECKS_V2 };

/**
 * Rules whose police records are not "any other police notification": the police rules, and the
 * rules that combine a police record with a plan (as CPIS_PLAN_AND_DOMESTIC_ABUSE always did).
 */
const SPECIFIC_POLICE_RULES = new Set<RuleId>([
  "POLICE_HIGH_RISK",
  "POLICE_ABUSE_OR_EXPLOITATION",
  "CPIS_PLAN_AND_DOMESTIC_ABUSE",
  "REPEAT_MISSING",
  "POLICE_DOMESTIC_ABUSE",
  "POLICE_NEGLECT_OR_ONLINE_HARM",
  "MISSING_EPISODE",
  "REPEAT_DOMESTIC_ABUSE",
  "HOUSEHOLD_MEMBER_ON_PLAN",
  "RECENTLY_ENDED_PLAN",
]);

export function evaluate(
  picture: ChildPicture,
  asOf: Date,
  ruleSet: RuleSet = RULE_SET_V1,
): Evaluation {
  const { rules } = ruleSet;
  const window: Window = { asOf, closed: ruleSet.windowsFrom === "EVENT" };
  const fired: FiredRule[] = [];
  const fire = (rule: RuleDefinition, evidence: string[], rag: Rag = rule.rag) =>
    fired.push({ ruleId: rule.id, rag, description: rule.description, evidence });

  for (const rule of rules) {
    if (rule.id === "CUMULATIVE_CONCERN" || rule.id === "POLICE_NOTIFICATION") continue;
    const check = CHECKS[rule.id];
    if (!check) throw new Error(`rule ${rule.id} has no check`);
    const result = check(rule, picture, window);
    if (Array.isArray(result)) {
      if (result.length > 0) fire(rule, result);
    } else if (result.evidence.length > 0) {
      fire(rule, result.evidence, result.rag);
    }
  }

  const other = rules.find((r) => r.id === "POLICE_NOTIFICATION");
  if (other) {
    const explained = new Set(
      fired.filter((f) => SPECIFIC_POLICE_RULES.has(f.ruleId)).flatMap((f) => f.evidence),
    );
    const rest = picture.police.filter((n) => !explained.has(n.id)).map((n) => n.id);
    if (rest.length > 0) fire(other, rest);
  }

  const cumulative = rules.find((r) => r.id === "CUMULATIVE_CONCERN");
  if (cumulative) {
    const amber = fired.filter((f) => f.rag === "AMBER");
    const threshold = cumulative.parameters["amberRules"];
    if (typeof threshold === "number" && amber.length >= threshold) {
      fire(cumulative, [...new Set(amber.flatMap((f) => f.evidence))]);
    }
  }

  // Rules in the order of the rule set, so reasons read the same every time.
  const order = new Map(rules.map((r, i) => [r.id, i]));
  fired.sort((a, b) => (order.get(a.ruleId) ?? 0) - (order.get(b.ruleId) ?? 0));
  return {
    ruleVersion: ruleSet.version,
    fired,
    proposed: highestRag(fired.map((f) => f.rag)),
  };
}
