// The rule sets as clients see them (ragRules, ragRuleSet): every version stays listed; the
// version in force says since when (its first assessment after the last one made under another
// version).
import type { Db } from "#db/client.ts";
import { badInput } from "#errors/domain-error.ts";
import {
  findRuleSet,
  RULE_VERSIONS,
  type Citation,
  type Json,
  type Rag,
  type RuleSet,
} from "#rag/index.ts";

export interface RagRuleView {
  id: string;
  rag: Rag;
  description: string;
  source: string;
  citations: readonly Citation[];
  parameters: Record<string, Json>;
  version: number;
}

export interface RagRuleSetView {
  version: number;
  inForce: boolean;
  inForceSince: Date | null;
  versions: number[];
  rules: RagRuleView[];
}

export const ruleViews = (set: RuleSet): RagRuleView[] =>
  set.rules.map((r) => ({ ...r, version: set.version }));

export async function getRagRuleSet(
  db: Db,
  inForce: RuleSet,
  version?: number | null,
): Promise<RagRuleSetView> {
  const asked = version ?? inForce.version;
  const set = findRuleSet(asked);
  if (!set) {
    throw badInput(`version must be one of ${RULE_VERSIONS.join(", ")}`, { field: "version" });
  }
  const current = set.version === inForce.version;
  return {
    version: set.version,
    inForce: current,
    inForceSince: current ? await inForceSince(db, set.version) : null,
    versions: [...RULE_VERSIONS],
    rules: ruleViews(set),
  };
}

async function inForceSince(db: Db, version: number): Promise<Date | null> {
  let lastOther: Date | null = null;
  for (const other of RULE_VERSIONS.filter((v) => v !== version)) {
    const [row] = await db.$queryRaw<Array<{ at: Date | null }>>`
      SELECT max("assessedAt") AS at FROM "RagAssessment" WHERE "ruleVersion" = ${other}::int`;
    if (row?.at && (!lastOther || row.at > lastOther)) lastOther = row.at;
  }
  const [first] = await db.$queryRaw<Array<{ at: Date | null }>>`
    SELECT min("assessedAt") AS at FROM "RagAssessment"
     WHERE "ruleVersion" = ${version}::int
       AND "assessedAt" > ${lastOther ?? new Date(0)}::timestamptz`;
  return first?.at ?? null;
}
