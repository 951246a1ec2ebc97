// What screeners look at, derived from agency records in one place (pure): the emergency
// attendance pattern, school attendance flags, and which CP-IS plan and early help episode are
// current.

export interface AttendanceFacts {
  arrivedAt: Date;
  injury: boolean;
  safeguardingConcern: boolean;
}

export interface AttendancePattern {
  attendancesLast12Months: number;
  injuryAttendancesLast12Months: number;
  lastSixAttendancesConcern: boolean;
  reasons: string[];
}

/** ED_ATTENDANCE_PATTERN thresholds (rag-rules.md). */
export const PATTERN = { attendances: 3, injuries: 2, lastN: 6, lastNInjuries: 2 } as const;

/**
 * The same instant 12 calendar months earlier (UTC). "In 12 months" includes an attendance
 * exactly 12 months before, to the millisecond; 29 February counts back to 1 March.
 */
export function twelveMonthsBefore(asOf: Date): Date {
  const d = new Date(asOf.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  const daysInMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  if (day > daysInMonth) {
    d.setUTCMonth(d.getUTCMonth() + 1, day - daysInMonth);
  } else {
    d.setUTCDate(day);
  }
  return d;
}

export function attendancePattern(
  attendances: readonly AttendanceFacts[],
  asOf: Date,
): AttendancePattern {
  const from = twelveMonthsBefore(asOf).getTime();
  const to = asOf.getTime();
  const inWindow = attendances.filter((a) => {
    const t = a.arrivedAt.getTime();
    return t >= from && t <= to;
  });
  const injuries = inWindow.filter((a) => a.injury).length;
  const lastSix = [...attendances]
    .filter((a) => a.arrivedAt.getTime() <= to)
    .sort((a, b) => b.arrivedAt.getTime() - a.arrivedAt.getTime())
    .slice(0, PATTERN.lastN);
  const lastSixInjuries = lastSix.filter((a) => a.injury).length;
  const lastSixConcerns = lastSix.filter((a) => a.safeguardingConcern).length;
  const reasons: string[] = [];
  if (inWindow.length >= PATTERN.attendances) {
    reasons.push(`${inWindow.length} emergency attendances in 12 months (3 or more)`);
  }
  if (injuries >= PATTERN.injuries) {
    reasons.push(`${injuries} attendances with injury in 12 months (2 or more)`);
  }
  if (lastSixConcerns > 0) {
    reasons.push(
      `safeguarding concern recorded at ${lastSixConcerns} of the last ${lastSix.length} attendances`,
    );
  }
  if (lastSixInjuries >= PATTERN.lastNInjuries) {
    reasons.push(`${lastSixInjuries} injuries in the last ${lastSix.length} attendances`);
  }
  return {
    attendancesLast12Months: inWindow.length,
    injuryAttendancesLast12Months: injuries,
    lastSixAttendancesConcern: lastSixConcerns > 0 || lastSixInjuries >= PATTERN.lastNInjuries,
    reasons,
  };
}

export interface SchoolFacts {
  possibleSessions: number;
  attendedSessions: number;
}

export interface SchoolFlags {
  /** 0..1; 1 when no session was possible. */
  attendanceRate: number;
  /** Below 90%. */
  persistentAbsence: boolean;
  /** Below 50%. */
  severeAbsence: boolean;
}

/** Compared in whole sessions, so 89.9% is persistent absence and 90% exactly is not. */
export function schoolFlags(s: SchoolFacts): SchoolFlags {
  if (s.possibleSessions <= 0) {
    return { attendanceRate: 1, persistentAbsence: false, severeAbsence: false };
  }
  const attended = Math.min(Math.max(s.attendedSessions, 0), s.possibleSessions);
  return {
    attendanceRate: attended / s.possibleSessions,
    persistentAbsence: attended * 10 < s.possibleSessions * 9,
    severeAbsence: attended * 2 < s.possibleSessions,
  };
}

/** The most recent return: latest period end, then latest period start. */
export function latestPeriod<T extends { periodStart: Date; periodEnd: Date }>(
  rows: readonly T[],
): T | undefined {
  return [...rows].sort(
    (a, b) =>
      b.periodEnd.getTime() - a.periodEnd.getTime() ||
      b.periodStart.getTime() - a.periodStart.getTime(),
  )[0];
}

/** The plan CP-IS would show: an active plan (the latest started), else the latest ended one. */
export function currentPlan<T extends { status: string; startDate: Date; endDate: Date | null }>(
  plans: readonly T[],
): T | undefined {
  const byStart = [...plans].sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
  return (
    byStart.find((p) => p.status === "ACTIVE") ??
    [...plans].sort(
      (a, b) =>
        (b.endDate ?? b.startDate).getTime() - (a.endDate ?? a.startDate).getTime() ||
        b.startDate.getTime() - a.startDate.getTime(),
    )[0]
  );
}

/** The open episode (latest opened), else the latest closed one. */
export function currentEpisode<T extends { status: string; openedAt: Date }>(
  episodes: readonly T[],
): T | undefined {
  const byOpened = [...episodes].sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime());
  return byOpened.find((e) => e.status === "OPEN") ?? byOpened[0];
}
