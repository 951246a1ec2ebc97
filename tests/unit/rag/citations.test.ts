import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { RULE_SETS, RULE_SET_V1, RULE_SET_V2 } from "#rag/index.ts";
import { SEED } from "#rag/citations.ts";

// the seeds, copied into the repository (tests/fixtures/seeds)
const seeds = path.resolve(import.meta.dirname, "../../fixtures/seeds");
/** The seed's text as a reader sees it: entities decoded, markup and line breaks gone. */
const text = (file: string) =>
  readFileSync(path.join(seeds, file), "utf8")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\*\*/g, "")
    .replace(/\s+/g, " ");
const TEXT = new Map<string, string>(Object.values(SEED).map((f) => [f, text(f)]));
const squash = (s: string) => s.replace(/\s+/g, " ");

describe("where each rule comes from", () => {
  const all = RULE_SETS.flatMap((set) => set.rules.map((r) => [set.version, r] as const));

  it.each(all.map(([v, r]) => [v, r.id, r] as const))(
    "version %s %s quotes its seed word for word, in the file it names",
    (_v, _id, rule) => {
      expect(rule.citations.length).toBeGreaterThan(0);
      for (const c of rule.citations) {
        const seed = TEXT.get(c.file);
        expect(seed).toBeDefined();
        if (!seed?.includes(squash(c.words))) {
          throw new Error(`${rule.id}: "${c.words}" is not in ${c.file}`);
        }
        expect(c.section.length).toBeGreaterThan(5);
      }
    },
  );

  it("says which scale each level belongs to: Walsall's level 3 is early help, Tower Hamlets' child in need", () => {
    for (const [, r] of all) {
      for (const c of r.citations) {
        if (c.scale === "WALSALL_2018" || c.scale === "TOWER_HAMLETS_2017") {
          expect([2, 3, 4, null]).toContain(c.level);
          expect(c.file).toBe(c.scale === "WALSALL_2018" ? SEED.WALSALL : SEED.TOWER_HAMLETS);
        } else {
          expect(c.level).toBeNull();
        }
      }
    }
    const source = (id: string) => RULE_SET_V2.rules.find((r) => r.id === id)?.source ?? "";
    expect(source("MISSING_EPISODE")).toContain("Tower Hamlets thresholds 2017 (seed 003)");
    expect(source("MISSING_EPISODE")).toContain("level 3 (child in need)");
    expect(source("MISSING_EPISODE")).toContain("level 3 (early help, multi-agency)");
  });

  it("no longer quotes Walsall under Tower Hamlets' name (SEVERE_ABSENCE_OR_MISSING_EDUCATION)", () => {
    const r = RULE_SET_V1.rules.find((x) => x.id === "SEVERE_ABSENCE_OR_MISSING_EDUCATION")!;
    for (const c of r.citations.filter((x) => x.scale === "TOWER_HAMLETS_2017")) {
      expect(TEXT.get(SEED.TOWER_HAMLETS)).toContain(c.words);
    }
    // the words v1 put under Tower Hamlets' name are Walsall's level 4 ("Chronic non-attendance")
    for (const c of r.citations) expect(c.words).not.toMatch(/Chronic non-attendance/);
  });

  it("cites the last six attendances for the pattern rule, not 3 in 12 months", () => {
    const six = RULE_SET_V2.rules.find((x) => x.id === "LAST_SIX_ATTENDANCES_PATTERN")!;
    expect(six.source).toContain("last six hospital attendances");
    const twelve = RULE_SET_V1.rules.find((x) => x.id === "ED_ATTENDANCE_PATTERN")!;
    expect(twelve.source).toMatch(/hub's/);
    for (const c of twelve.citations) expect(c.words).not.toContain("last six");
  });
});
