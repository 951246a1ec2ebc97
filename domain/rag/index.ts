// The RAG rules in force and the evaluator (contract: rag-rules.md).
import { RULES_V1, RULE_VERSION_1 } from "./rules-v1.ts";

export const CURRENT_RULE_VERSION = RULE_VERSION_1;
export const CURRENT_RULES = RULES_V1;

export { evaluate } from "./evaluate.ts";
export { highestRag, ragRank, isRag } from "./rag-order.ts";
export type * from "./types.ts";
