// The seeds the rules cite (tests/fixtures/seeds, copied from the partnerships' documents), and how a rule's citations read as one line.
import type { Citation, RuleDefinition, Scale } from "./types.ts";

export const SEED = {
  /** Walsall scrutiny report 2018, with the Walsall thresholds guidance as its appendix 5. */
  WALSALL: "002_d2bc8a342c1f30ab.txt",
  /** Tower Hamlets multi-agency safeguarding thresholds guidance 2017. */
  TOWER_HAMLETS: "003_235b53625c2f5365.txt",
  /** Camden guidance for stepping up early help families. */
  CAMDEN: "004_49f7ca0e5c9abedb.txt",
} as const;

const SCALE_NAMES: Record<Scale, string> = {
  WALSALL_2018: "Walsall thresholds 2018",
  TOWER_HAMLETS_2017: "Tower Hamlets thresholds 2017",
  CAMDEN_STEP_UP: "Camden step-up guidance",
  WALSALL_SCRUTINY_2018: "Walsall scrutiny report 2018",
};

/** What a level means on each scale (the two thresholds scales differ at level 3). */
const LEVEL_NAMES: Partial<Record<Scale, Record<number, string>>> = {
  WALSALL_2018: {
    2: "level 2 (early help, single agency)",
    3: "level 3 (early help, multi-agency)",
    4: "level 4 (statutory)",
  },
  TOWER_HAMLETS_2017: {
    2: "level 2 (targeted early help)",
    3: "level 3 (child in need)",
    4: "level 4 (child protection)",
  },
};

const seedNumber = (file: string) => file.slice(0, 3);

export function renderCitation(c: Citation): string {
  const level =
    c.level === null ? "" : `, ${LEVEL_NAMES[c.scale]?.[c.level] ?? `level ${c.level}`}`;
  return `${SCALE_NAMES[c.scale]} (seed ${seedNumber(c.file)}), ${c.section}${level}: "${c.words}"`;
}

export const renderSource = (citations: readonly Citation[], note?: string): string =>
  citations.map(renderCitation).join("; ") + (note ? `. ${note}` : "");

/** A rule with its one-line source rendered from its citations (and the hub's own note). */
export function defineRule(r: Omit<RuleDefinition, "source"> & { note?: string }): RuleDefinition {
  const { note, ...rest } = r;
  return { ...rest, source: renderSource(r.citations, note) };
}

// Shorthands for the rule files, so that every citation names its file and scale the same way.
type Level = 2 | 3 | 4 | null;

/** Walsall thresholds guidance (seed 002, appendix 5): level 3 early help, level 4 statutory. */
export const walsall = (section: string, level: Level, words: string): Citation => ({
  file: SEED.WALSALL,
  section: `appendix 5, ${section}`,
  words,
  scale: "WALSALL_2018",
  level,
});

/** The Walsall scrutiny report itself (seed 002, findings): no levels. */
export const walsallReport = (section: string, words: string): Citation => ({
  file: SEED.WALSALL,
  section,
  words,
  scale: "WALSALL_SCRUTINY_2018",
  level: null,
});

/** Tower Hamlets thresholds guidance (seed 003): level 3 child in need, level 4 child protection. */
export const towerHamlets = (section: string, level: Level, words: string): Citation => ({
  file: SEED.TOWER_HAMLETS,
  section,
  words,
  scale: "TOWER_HAMLETS_2017",
  level,
});

/** Camden guidance for stepping up early help families (seed 004): no levels. */
export const camden = (section: string, words: string): Citation => ({
  file: SEED.CAMDEN,
  section,
  words,
  scale: "CAMDEN_STEP_UP",
  level: null,
});
