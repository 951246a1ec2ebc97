// What rating a child needs besides the picture: the rule set in force and the partnership's
// decision timescales. Built once from configuration and handed down (no module state).
import type { MashConfig } from "#config/index.ts";
import { DEFAULT_RULE_VERSION, ruleSet, type RuleSet } from "#rag/index.ts";
import { DEFAULT_TIMESCALES, timescalesFrom, type Timescales } from "./due-by.ts";

export interface RatingSettings {
  ruleSet: RuleSet;
  timescales: Timescales;
}

export const DEFAULT_RATING_SETTINGS: RatingSettings = {
  ruleSet: ruleSet(DEFAULT_RULE_VERSION),
  timescales: DEFAULT_TIMESCALES,
};

export function ratingSettingsFrom(config: MashConfig): RatingSettings {
  return { ruleSet: ruleSet(config.ruleVersion), timescales: timescalesFrom(config) };
}

/** Whether the rule set reads other children's plans (so a plan or a family link re-rates them). */
export const readsFamily = (set: RuleSet): boolean =>
  set.rules.some((r) => r.id === "HOUSEHOLD_MEMBER_ON_PLAN");
