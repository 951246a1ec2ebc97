// Family names drawn the way a real population has them: a few very common names (Smith about
// 1.5% of children, the East London names Begum, Khan and Ali close behind) and a long tail of
// rarer ones. Identity matching blocks on a phonetic key of the family name, so a list of a few
// dozen names drawn uniformly — or numbered names that all share one key — puts hundreds of
// children in one block where a real borough would have a handful.
import type { Random } from "./random.ts";
import { FAMILY_NAMES } from "./names.ts";

/** Common in East London and missing from the national top 100 list. */
export const LOCAL_COMMON_NAMES = [
  "Begum",
  "Khan",
  "Singh",
  "Kaur",
  "Akhtar",
  "Hossain",
  "Mohamed",
  "Osei",
  "Adeyemi",
  "Nguyen",
  "Silva",
  "Santos",
  "Costa",
  "Popescu",
  "Ivanov",
  "Kumar",
  "Shah",
  "Mahmood",
  "Yilmaz",
  "Okonkwo",
] as const;

/**
 * Parts of English place and trade surnames ("Ash" + "worth" → "Ashworth"): the long tail. Most
 * real surnames are rare; composing them gives some 1,500 distinct, plausible ones.
 */
const TAIL_STARTS = [
  "Ash",
  "Black",
  "Brad",
  "Bram",
  "Brook",
  "Cald",
  "Carl",
  "Chad",
  "Craw",
  "Dal",
  "Dun",
  "Els",
  "Fair",
  "Farn",
  "Gold",
  "Gras",
  "Hal",
  "Hart",
  "Haw",
  "Hol",
  "Kel",
  "Kings",
  "Lang",
  "Lind",
  "Mar",
  "Mid",
  "Nor",
  "Ock",
  "Pen",
  "Ram",
  "Red",
  "Rod",
  "Sal",
  "Shel",
  "Stan",
  "Stock",
  "Thorn",
  "Up",
  "Wake",
  "Wen",
  "Whit",
  "Win",
  "Yar",
  "Quen",
  "Vick",
] as const;

const TAIL_ENDS = [
  "ley",
  "ton",
  "worth",
  "wood",
  "field",
  "ford",
  "by",
  "ham",
  "well",
  "more",
  "stone",
  "bridge",
  "dale",
  "combe",
  "hurst",
  "sley",
  "shaw",
  "cott",
  "ridge",
  "wick",
  "den",
  "ing",
  "man",
  "er",
  "son",
  "croft",
  "gate",
  "bury",
  "land",
  "thorpe",
  "win",
  "hill",
] as const;

/** Shares of children: the national list, the local list, the composed tail. */
const SHARES = { national: 0.32, local: 0.12, tail: 0.56 } as const;

/** Rank weights: the first name of a list most common, falling off like real surname counts. */
const weighted = (names: readonly string[], offset: number) =>
  names.map((n, i) => [n, 1 / (i + offset)] as const);
const NATIONAL = weighted(FAMILY_NAMES, 8);
const LOCAL = weighted(LOCAL_COMMON_NAMES, 3);

/** One family name from the realistic distribution. */
export function pickFamilyName(rnd: Random): string {
  const r = rnd.next();
  if (r < SHARES.national) return rnd.weighted(NATIONAL);
  if (r < SHARES.national + SHARES.local) return rnd.weighted(LOCAL);
  return rnd.pick(TAIL_STARTS) + rnd.pick(TAIL_ENDS);
}
