// The shadow comparison behind npm run rules:compare: every child rated under two rule sets at
// one instant, in read-only transactions, tallied as rises, falls and stays and by the rules
// behind each change. Kept apart from the CLI so a test can run it against a real database.
import type { Db } from "#db/client.ts";
import { evaluate, ragRank, type Evaluation, type RuleSet } from "#rag/index.ts";
import { loadPictures } from "#notifications/load-picture.ts";

export interface Comparison {
  from: number;
  to: number;
  at: Date;
  children: number;
  rise: number;
  fall: number;
  stay: number;
  /** "GREEN → AMBER": children, for the ratings that changed. */
  transitions: Map<string, number>;
  /** Per rule: children whose rating rose with the rule newly firing, and fell with it gone. */
  rules: Map<string, { rises: number; falls: number }>;
}

const label = (e: Evaluation) => e.proposed ?? "NONE";

export async function compareRuleSets(
  db: Db,
  from: RuleSet,
  to: RuleSet,
  options: { batch?: number; at?: Date } = {},
): Promise<Comparison> {
  const at = options.at ?? new Date();
  const size = options.batch ?? 1_000;
  const c: Comparison = {
    from: from.version,
    to: to.version,
    at,
    children: 0,
    rise: 0,
    fall: 0,
    stay: 0,
    transitions: new Map(),
    rules: new Map(),
  };
  const bump = (rule: string, key: "rises" | "falls") => {
    const r = c.rules.get(rule) ?? { rises: 0, falls: 0 };
    r[key]++;
    c.rules.set(rule, r);
  };
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const page = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      const ids = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT "id"::text AS id FROM "Person"
         WHERE "isChild" AND "mergedIntoId" IS NULL AND "id" > ${after}::uuid
         ORDER BY "id" LIMIT ${size}`;
      return {
        ids: ids.map((r) => r.id),
        pictures: await loadPictures(
          tx,
          ids.map((r) => r.id),
        ),
      };
    });
    if (page.ids.length === 0) break;
    after = page.ids[page.ids.length - 1] as string;
    for (const id of page.ids) {
      const loaded = page.pictures.get(id);
      if (!loaded) continue;
      const a = evaluate(loaded.picture, at, from);
      const b = evaluate(loaded.picture, at, to);
      c.children++;
      const diff = ragRank(b.proposed) - ragRank(a.proposed);
      if (diff === 0) {
        c.stay++;
        continue;
      }
      const key = `${label(a)} → ${label(b)}`;
      c.transitions.set(key, (c.transitions.get(key) ?? 0) + 1);
      const inA = new Set(a.fired.map((f) => f.ruleId));
      const inB = new Set(b.fired.map((f) => f.ruleId));
      if (diff > 0) {
        c.rise++;
        // the rules firing only under `to` at the new, higher rating
        for (const f of b.fired)
          if (!inA.has(f.ruleId) && f.rag === b.proposed) bump(f.ruleId, "rises");
      } else {
        c.fall++;
        for (const f of a.fired)
          if (!inB.has(f.ruleId) && f.rag === a.proposed) bump(f.ruleId, "falls");
      }
    }
  }
  return c;
}

export function formatComparison(c: Comparison, ms: number): string {
  const pct = (n: number) => (c.children === 0 ? "0.0" : ((100 * n) / c.children).toFixed(1));
  const line = (name: string, n: number) =>
    `  ${name.padEnd(38)} ${String(n).padStart(9)}  ${pct(n).padStart(5)}%`;
  const out = [
    `rules:compare: version ${c.from} → version ${c.to}, ${c.children} children rated at ${c.at.toISOString()} in ${ms} ms (nothing written)`,
    "",
    `  ${"rating".padEnd(38)} ${"children".padStart(9)}  ${"share".padStart(6)}`,
    line("rise", c.rise),
    line("fall", c.fall),
    line("stay", c.stay),
  ];
  if (c.transitions.size > 0) {
    out.push("", `  ${"change (from → to)".padEnd(38)} ${"children".padStart(9)}`);
    for (const [k, n] of [...c.transitions].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])))
      out.push(line(k, n));
  }
  if (c.rules.size > 0) {
    out.push(
      "",
      `  ${"rules behind the changes".padEnd(38)} ${"rises".padStart(9)} ${"falls".padStart(7)}`,
    );
    for (const [rule, r] of [...c.rules].sort(
      (x, y) => y[1].rises + y[1].falls - (x[1].rises + x[1].falls) || x[0].localeCompare(y[0]),
    ))
      out.push(
        `  ${rule.padEnd(38)} ${String(r.rises).padStart(9)} ${String(r.falls).padStart(7)}`,
      );
  }
  return out.join("\n");
}
