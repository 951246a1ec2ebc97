// Calendar arithmetic on YYYY-MM-DD strings, in UTC so that output never depends on the machine.

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** An ISO instant on the given day at the given minute after midnight (UTC). */
export function atMinute(date: string, minute: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + minute * 60_000).toISOString();
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Whole years between a date of birth and a day. */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The same date with day and month swapped, or undefined where that is not a different valid date. */
export function swapDayAndMonth(date: string): string | undefined {
  const [y, m, d] = date.split("-") as [string, string, string];
  if (m === d || Number(d) > 12) return undefined;
  const swapped = `${y}-${d}-${m}`;
  const check = new Date(`${swapped}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === swapped
    ? swapped
    : undefined;
}

/** The same day `months` calendar months later (earlier when negative), clamped to the month's end. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export const addYears = (date: string, years: number): string => addMonths(date, years * 12);
