// Plausible dates of birth for one family: siblings at least 9 months apart unless twins, every
// child under 18 (an unborn child due within five months, at least 9 months after the youngest),
// and each parent 16 to 50 years older than every child (mostly 20 to 38 at the eldest's birth).
import type { Random } from "./random.ts";
import { addDays, addMonths, addYears, daysBetween } from "./dates.ts";
import { SHARES } from "./shares.ts";

/** Nine calendar months, the shortest gap between siblings who are not twins. */
export const MIN_SIBLING_MONTHS = 9;

export interface FamilyDates {
  /** Born children, eldest first (twins share a date). */
  born: string[];
  /** The unborn child's expected due date, if the family is expecting. */
  expectedDueDate: string | undefined;
}

export function familyDates(
  rnd: Random,
  asOf: string,
  bornCount: number,
  expecting: boolean,
): FamilyDates {
  const dueDate = expecting ? addDays(asOf, rnd.int(14, 150)) : undefined;
  // The youngest is born by today, and 9 months or more before the due date.
  const latest = dueDate ? minDate(asOf, addMonths(dueDate, -MIN_SIBLING_MONTHS)) : asOf;
  const earliest = addDays(addYears(asOf, -18), 1);
  if (bornCount === 0) return { born: [], expectedDueDate: dueDate };
  // After the eldest, each child is a twin of the one before, or born 9 months plus extra days
  // (up to five years) after; the extras shrink when the family would not fit in 18 years.
  const extras: Array<number | null> = [];
  for (let i = 1; i < bornCount; i++) {
    extras.push(rnd.chance(SHARES.twins) ? null : rnd.int(0, 5 * 365));
  }
  const room = daysBetween(earliest, latest);
  const apart = extras.filter((e) => e !== null).length;
  const total = extras.reduce<number>((sum, e) => sum + (e ?? 0), 0);
  const scale = total > 0 ? Math.min(1, Math.max(0, room - apart * 276) / total) : 1;
  const longest = apart * 276 + Math.floor(total * scale); // 9 months is at most 276 days
  const born = [addDays(latest, -rnd.int(Math.min(longest, room), room))];
  for (const extra of extras) {
    const previous = born[born.length - 1] as string;
    born.push(
      extra === null
        ? previous
        : addDays(addMonths(previous, MIN_SIBLING_MONTHS), Math.floor(extra * scale)),
    );
  }
  return { born, expectedDueDate: dueDate };
}

/**
 * A parent's date of birth: 16 to 50 years before every child (the due date counts as a birth).
 * `eldest` and `youngest` are the first and last dates among the children.
 */
export function parentDateOfBirth(rnd: Random, eldest: string, youngest: string): string {
  const latest = addYears(eldest, -16); // at least 16 at the eldest's birth
  const earliest = addDays(addYears(youngest, -50), 1); // under 51 at the youngest's birth
  const preferred = addDays(eldest, -rnd.int(20 * 365, 38 * 365));
  return preferred > latest ? latest : preferred < earliest ? earliest : preferred;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
