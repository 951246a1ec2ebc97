// mashPerformance(from, to) (front-door.md "Management information"; seed 002): for decisions
// made in the period (London calendar days, both included): contacts by kind and by referrer
// role; decisions by outcome and the share ending NO_FURTHER_ACTION by referrer role; the share
// decided within timescale by rating; the median time to decision; escalations raised, resolved
// and that changed the decision in the period; contacts overdue and undecided now. Counts only:
// no child is named. A contact's referrer role is the referrer's for a referral, EARLY_HELP for a
// step-up request, and the agency's for an agency event (education is SCHOOL, CP-IS HEALTH).
import { z } from "zod";
import type { Db } from "#db/client.ts";
import type { Viewer } from "#auth/viewer.ts";
import { forbidden } from "#errors/domain-error.ts";
import { calendarDate } from "./fields.ts";
import { invalid, parseInput } from "./parse-input.ts";
import type { CountBy, MashPerformanceView, ShareBy } from "./types.ts";
import { fromLondon, nextDate } from "#notifications/london-time.ts";

const AGENCY_AS_REFERRER: Record<string, string> = {
  POLICE: "POLICE",
  HEALTH: "HEALTH",
  CPIS: "HEALTH",
  EDUCATION: "SCHOOL",
  EARLY_HELP: "EARLY_HELP",
};

interface DecidedRow {
  kind: string;
  rating: string;
  createdAt: Date;
  outcome: string;
  decidedAt: Date;
  withinTimescale: boolean;
  referrerRole: string | null;
  eventSource: string | null;
}

export async function getMashPerformance(
  db: Db,
  viewer: Viewer,
  raw: unknown,
  now = new Date(),
): Promise<MashPerformanceView> {
  if (viewer.role !== "MASH_MANAGER" && viewer.role !== "AUDITOR") {
    throw forbidden("Only MASH managers and auditors see management information");
  }
  const { from, to } = parseInput(z.object({ from: calendarDate, to: calendarDate }), raw);
  if (to < from) throw invalid([{ path: "to", message: "must not be before from" }]);
  const start = fromLondon(from, 0);
  const end = fromLondon(nextDate(to), 0);

  const [decided, raised, resolved, changed, overdue] = await Promise.all([
    db.$queryRaw<DecidedRow[]>`
      SELECT n.kind, coalesce(n.rag, n."proposedRag") AS rating, n."createdAt",
             d.outcome, d."decidedAt", d."withinTimescale",
             coalesce(r."referrerRole", CASE WHEN n.kind = 'STEP_UP_REQUEST' THEN 'EARLY_HELP' END)
               AS "referrerRole",
             e.source::text AS "eventSource"
        FROM "Decision" d
        JOIN "MashNotification" n ON n.id = d."notificationId"
        LEFT JOIN "Referral" r ON r."notificationId" = n.id
        LEFT JOIN "InboundEvent" e ON n.kind = 'AGENCY_EVENT' AND e.id = n."triggeringEventId"
       WHERE d."decidedAt" >= ${start} AND d."decidedAt" < ${end}`,
    db.escalation.count({ where: { raisedAt: { gte: start, lt: end } } }),
    db.escalation.count({ where: { resolvedAt: { gte: start, lt: end } } }),
    db.escalation.count({
      where: { resolvedAt: { gte: start, lt: end }, decisionChanged: true },
    }),
    // undecided past its due time, as the OVERDUE alert counts it (notifications/overdue.ts)
    db.mashNotification.count({ where: { decision: { is: null }, dueBy: { lt: now } } }),
  ]);

  const roleOf = (r: DecidedRow) =>
    r.referrerRole ?? AGENCY_AS_REFERRER[r.eventSource ?? ""] ?? "OTHER";
  const hours = decided
    .map((r) => (r.decidedAt.getTime() - r.createdAt.getTime()) / 3_600_000)
    .sort((a, b) => a - b);
  return {
    contactsByKind: countBy(decided, (r) => r.kind),
    contactsByReferrerRole: countBy(decided, roleOf),
    decisionsByOutcome: countBy(decided, (r) => r.outcome),
    noFurtherActionShareByReferrerRole: shareBy(
      decided,
      roleOf,
      (r) => r.outcome === "NO_FURTHER_ACTION",
    ),
    withinTimescaleShareByRag: shareBy(
      decided,
      (r) => r.rating,
      (r) => r.withinTimescale,
    ),
    medianHoursToDecision: median(hours),
    escalationsRaised: raised,
    escalationsResolved: resolved,
    escalationsThatChangedDecision: changed,
    overdueOpenNow: overdue,
  };
}

function countBy<T>(rows: T[], key: (r: T) => string): CountBy[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return [...counts]
    .map(([k, count]) => ({ key: k, count }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

function shareBy<T>(rows: T[], key: (r: T) => string, hit: (r: T) => boolean): ShareBy[] {
  const groups = new Map<string, { of: number; hits: number }>();
  for (const r of rows) {
    const g = groups.get(key(r)) ?? { of: 0, hits: 0 };
    g.of += 1;
    if (hit(r)) g.hits += 1;
    groups.set(key(r), g);
  }
  return [...groups]
    .map(([k, g]) => ({ key: k, share: g.hits / g.of, of: g.of }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
