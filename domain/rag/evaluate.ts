// The one evaluator: reads a child's whole picture as of the triggering event and returns every
// rule that fired, with its evidence, and the proposed rating (the highest fired). Pure.
import type { ChildPicture, Evaluation, FiredRule, RuleDefinition } from "./types.ts";
import { CHECKS } from "./checks.ts";
import { highestRag } from "./rag-order.ts";
import { RULES_V1, RULE_VERSION_1 } from "./rules-v1.ts";

/** Police rules whose records are not "any other police notification". */
const SPECIFIC_POLICE_RULES = new Set([
  "POLICE_HIGH_RISK",
  "POLICE_ABUSE_OR_EXPLOITATION",
  "CPIS_PLAN_AND_DOMESTIC_ABUSE",
  "REPEAT_MISSING",
  "POLICE_DOMESTIC_ABUSE",
]);

export function evaluate(
  picture: ChildPicture,
  asOf: Date,
  rules: readonly RuleDefinition[] = RULES_V1,
  ruleVersion: number = RULE_VERSION_1,
): Evaluation {
  const fired: FiredRule[] = [];
  const fire = (rule: RuleDefinition, evidence: string[]) =>
    fired.push({ ruleId: rule.id, rag: rule.rag, description: rule.description, evidence });

  for (const rule of rules) {
    if (rule.id === "CUMULATIVE_CONCERN" || rule.id === "POLICE_NOTIFICATION") continue;
    const evidence = CHECKS[rule.id](rule, picture, asOf);
    if (evidence.length > 0) fire(rule, evidence);
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
  return { ruleVersion, fired, proposed: highestRag(fired.map((f) => f.rag)) };
}
