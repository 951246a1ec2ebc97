// The RAG rule sets and the evaluator (contract: rag-rules.md). Every version stays listed; the
// version in force is configuration (RAG_RULE_VERSION, default 2).
import type { RuleSet } from "./types.ts";
import { RULE_SET_V1, RULE_VERSION_1 } from "./rules-v1.ts";
import { RULE_SET_V2, RULE_VERSION_2 } from "./rules-v2.ts";

export const RULE_SETS: readonly RuleSet[] = [RULE_SET_V1, RULE_SET_V2];
export const RULE_VERSIONS: readonly number[] = RULE_SETS.map((s) => s.version);
export const DEFAULT_RULE_VERSION = RULE_VERSION_2;

/** The rule set of a version, or undefined for a version the hub does not have. */
export const findRuleSet = (version: number): RuleSet | undefined =>
  RULE_SETS.find((s) => s.version === version);

export function ruleSet(version: number): RuleSet {
  const found = findRuleSet(version);
  if (!found) throw new Error(`no RAG rule set version ${version}`);
  return found;
}

export { RULE_SET_V1, RULE_VERSION_1, RULE_SET_V2, RULE_VERSION_2 };
export { evaluate } from "./evaluate.ts";
export { highestRag, ragRank, isRag } from "./rag-order.ts";
export type * from "./types.ts";
