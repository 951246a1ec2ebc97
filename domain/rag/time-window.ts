// Time arithmetic the rules use. A window counts back from `asOf` and includes both ends: "in 90
// days" is [asOf - 90 days, asOf]. Version 1 counts back from the triggering event and leaves
// out records after it (a closed window); version 2 counts back from the time of evaluation and
// keeps every record known then, even one dated a little after (an agency's clock ahead).
const DAY_MS = 86_400_000;

export interface Window {
  asOf: Date;
  /** True: records after asOf are outside every window (version 1). */
  closed: boolean;
}

export function daysBefore(asOf: Date, days: number): Date {
  return new Date(asOf.getTime() - days * DAY_MS);
}

/** The same instant `months` calendar months earlier (UTC), clamped to the month's last day. */
export function monthsBefore(asOf: Date, months: number): Date {
  const d = new Date(asOf.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export function within(t: Date, from: Date, to: Date): boolean {
  const x = t.getTime();
  return x >= from.getTime() && x <= to.getTime();
}

/** In the window that starts at `from` (inclusive) and ends at asOf, or is open-ended. */
export function inWindow(t: Date, from: Date, w: Window): boolean {
  const x = t.getTime();
  return x >= from.getTime() && (!w.closed || x <= w.asOf.getTime());
}

/** True when `at` is before the child's birthday `years` years after `dateOfBirth` (UTC dates). */
export function youngerThanYears(dateOfBirth: Date, at: Date, years: number): boolean {
  const birthday = new Date(dateOfBirth.getTime());
  birthday.setUTCFullYear(birthday.getUTCFullYear() + years);
  return at.getTime() >= dateOfBirth.getTime() && at.getTime() < birthday.getTime();
}
