// The ways an agency's record of a child differs from the truth: nicknames, typos, day and month
// swapped, a missing NHS number, a postcode from before a move.
import type { Random } from "./random.ts";
import { NICKNAMES, makePostcode } from "./names.ts";
import { swapDayAndMonth } from "./dates.ts";
import type { SeededAgency, Variation } from "./types.ts";

export interface RecordedSubject {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  nhsNumber: string | undefined;
  postcode: string;
}

/** How often an agency leaves the NHS number out (CP-IS is keyed on it; schools use the UPN). */
const MISSING_NHS: Record<SeededAgency, number> = {
  CPIS: 0,
  HEALTH: 0.08,
  POLICE: 0.35,
  EARLY_HELP: 0.2,
  EDUCATION: 1,
};

export const VARIATION_RATES = {
  nickname: 0.12,
  givenNameTypo: 0.04,
  familyNameTypo: 0.05,
  swappedDayMonth: 0.04,
  movedPostcode: 0.08,
} as const;

export function recordAs(
  rnd: Random,
  source: SeededAgency,
  truth: RecordedSubject,
): { subject: RecordedSubject; variations: Variation[] } {
  const variations: Variation[] = [];
  const subject = { ...truth };
  const nicknames = NICKNAMES[truth.givenName];
  if (nicknames && rnd.chance(VARIATION_RATES.nickname)) {
    subject.givenName = rnd.pick(nicknames);
    variations.push("NICKNAME");
  } else if (rnd.chance(VARIATION_RATES.givenNameTypo)) {
    subject.givenName = typo(rnd, truth.givenName);
    if (subject.givenName !== truth.givenName) variations.push("GIVEN_NAME_TYPO");
  }
  if (rnd.chance(VARIATION_RATES.familyNameTypo)) {
    subject.familyName = typo(rnd, truth.familyName);
    if (subject.familyName !== truth.familyName) variations.push("FAMILY_NAME_TYPO");
  }
  if (truth.dateOfBirth && rnd.chance(VARIATION_RATES.swappedDayMonth)) {
    const swapped = swapDayAndMonth(truth.dateOfBirth);
    if (swapped) {
      subject.dateOfBirth = swapped;
      variations.push("SWAPPED_DAY_MONTH");
    }
  }
  if (truth.nhsNumber && source !== "EDUCATION" && rnd.chance(MISSING_NHS[source])) {
    variations.push("MISSING_NHS_NUMBER");
  }
  if (truth.nhsNumber && (source === "EDUCATION" || variations.includes("MISSING_NHS_NUMBER"))) {
    subject.nhsNumber = undefined;
  }
  if (rnd.chance(VARIATION_RATES.movedPostcode)) {
    const moved = makePostcode((n) => rnd.int(0, n - 1));
    if (moved !== truth.postcode) {
      subject.postcode = moved;
      variations.push("MOVED_POSTCODE");
    }
  }
  return { subject, variations };
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** One keying slip: a letter substituted, dropped, doubled, or two neighbours swapped. */
export function typo(rnd: Random, name: string): string {
  if (name.length < 3) return name;
  const i = rnd.int(1, name.length - 2);
  const kind = rnd.int(0, 3);
  const ch = name[i] as string;
  switch (kind) {
    case 0: {
      let sub = rnd.pick(LETTERS.split(""));
      if (sub === ch.toLowerCase()) sub = sub === "a" ? "e" : "a";
      return name.slice(0, i) + sub + name.slice(i + 1);
    }
    case 1:
      return name.slice(0, i) + name.slice(i + 1);
    case 2:
      return name.slice(0, i) + ch + name.slice(i);
    default: {
      const next = name[i + 1] as string;
      return next === ch
        ? name.slice(0, i) + name.slice(i + 1)
        : name.slice(0, i) + next + ch + name.slice(i + 2);
    }
  }
}
