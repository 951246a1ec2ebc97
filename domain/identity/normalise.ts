// Normalised forms and blocking keys for names, dates and postcodes (pure).
import { canonicalGivenName } from "./nicknames.ts";

/** Lower case, accents stripped, only letters kept ("O'Brien-Smith" → "obriensmith"). */
export function normaliseName(name: string | null | undefined): string {
  if (!name) return "";
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

const SOUNDEX: Record<string, string> = {
  b: "1",
  f: "1",
  p: "1",
  v: "1",
  c: "2",
  g: "2",
  j: "2",
  k: "2",
  q: "2",
  s: "2",
  x: "2",
  z: "2",
  d: "3",
  t: "3",
  l: "4",
  m: "5",
  n: "5",
  r: "6",
};

/** American Soundex of a normalised name: a phonetic blocking key that survives most typos. */
export function soundex(name: string): string {
  const s = normaliseName(name);
  if (s === "") return "";
  let out = s[0]!.toUpperCase();
  let last = SOUNDEX[s[0]!] ?? "";
  for (let i = 1; i < s.length && out.length < 4; i++) {
    const ch = s[i]!;
    const code = SOUNDEX[ch] ?? "";
    if (code !== "" && code !== last) out += code;
    // h and w do not separate letters with the same code; vowels do
    if (ch !== "h" && ch !== "w") last = code;
  }
  return out.padEnd(4, "0");
}

/** Upper case without spaces ("e1 6an" → "E16AN"). */
export function normalisePostcode(postcode: string | null | undefined): string {
  return (postcode ?? "").toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** The postcode sector: outward code and the first digit of the inward code ("E1 6AN" → "E1 6"). */
export function postcodeSector(postcode: string | null | undefined): string | null {
  const p = normalisePostcode(postcode);
  if (p.length < 5 || p.length > 7) return null;
  return `${p.slice(0, p.length - 3)} ${p[p.length - 3]}`;
}

export interface BlockingKeys {
  familyNameKey: string | null;
  givenNameKey: string | null;
  postcodeSector: string | null;
}

/** Keys kept on every Person row so that candidates are found by index, not by scanning. */
export function blockingKeys(p: {
  givenName?: string | null | undefined;
  familyName?: string | null | undefined;
  postcode?: string | null | undefined;
}): BlockingKeys {
  const family = soundex(p.familyName ?? "");
  const given = soundex(canonicalGivenName(p.givenName ?? ""));
  return {
    familyNameKey: family === "" ? null : family,
    givenNameKey: given === "" ? null : given,
    postcodeSector: postcodeSector(p.postcode),
  };
}

/** The same date with day and month exchanged, where that is a different valid date. */
export function swapDayMonth(isoDate: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (mo === d || Number(d) > 12) return null;
  const swapped = `${y}-${d}-${mo}`;
  const check = new Date(`${swapped}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== swapped
    ? null
    : swapped;
}

/** True when two YYYY-MM-DD dates differ in exactly one digit. */
export function oneDigitOff(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
}
