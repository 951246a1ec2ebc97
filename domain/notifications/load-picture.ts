// Reads one child's whole current picture through the caller's transaction and maps the rows to
// the plain facts the rules read (rag/types.ts). Rows do not leave this file.
// One raw query (json_agg per table) rather than six Prisma calls: this runs for every event.
import type { Tx } from "#db/client.ts";
import type { ChildPicture } from "#rag/index.ts";

export interface LoadedPicture {
  picture: ChildPicture;
  hasOpenEarlyHelp: boolean;
  /** Ids of the records stored (or last updated) by the given inbound event. */
  recordIdsFromEvent: Set<string>;
  /** The reasons (JSON) of the child's latest assessment before this one; null for the first. */
  previousReasons: unknown;
}

interface PictureJson {
  dateOfBirth: string | null;
  plans: Array<{ id: string; eventId: string | null; planType: string; status: string }>;
  police: Array<{
    id: string;
    eventId: string | null;
    occurredAt: string;
    category: string;
    riskLevel: string;
    childPresent: boolean;
  }>;
  ed: Array<{
    id: string;
    eventId: string | null;
    arrivedAt: string;
    injury: boolean;
    safeguardingConcern: boolean;
  }>;
  school: Array<{
    id: string;
    eventId: string | null;
    periodStart: string;
    periodEnd: string;
    possibleSessions: number;
    attendedSessions: number;
    missingEducation: boolean;
    permanentlyExcluded: boolean;
  }>;
  earlyHelp: Array<{ id: string; eventId: string | null; status: string; openedAt: string }>;
  previousReasons: unknown;
}

export async function loadPicture(
  tx: Tx,
  personId: string,
  inboundEventId?: string,
): Promise<LoadedPicture> {
  const [row] = await tx.$queryRaw<Array<{ picture: PictureJson | string }>>`
    SELECT json_build_object(
      'dateOfBirth', (SELECT "dateOfBirth"::text FROM "Person" WHERE "id" = ${personId}::uuid),
      'plans', (SELECT coalesce(json_agg(json_build_object(
          'id', "id", 'eventId', "eventId", 'planType', "planType", 'status', "status")), '[]')
        FROM "CpisPlan" WHERE "personId" = ${personId}::uuid),
      'police', (SELECT coalesce(json_agg(json_build_object(
          'id', "id", 'eventId', "eventId", 'occurredAt', "occurredAt", 'category', "category",
          'riskLevel', "riskLevel", 'childPresent', "childPresent") ORDER BY "occurredAt"), '[]')
        FROM "PoliceNotification" WHERE "personId" = ${personId}::uuid),
      'ed', (SELECT coalesce(json_agg(json_build_object(
          'id', "id", 'eventId', "eventId", 'arrivedAt', "arrivedAt", 'injury', "injury",
          'safeguardingConcern', "safeguardingConcern") ORDER BY "arrivedAt"), '[]')
        FROM "EdAttendance" WHERE "personId" = ${personId}::uuid),
      'school', (SELECT coalesce(json_agg(json_build_object(
          'id', "id", 'eventId', "eventId", 'periodStart', "periodStart"::text,
          'periodEnd', "periodEnd"::text, 'possibleSessions', "possibleSessions",
          'attendedSessions', "attendedSessions", 'missingEducation', "missingEducation",
          'permanentlyExcluded', "permanentlyExcluded")), '[]')
        FROM "SchoolAttendance" WHERE "personId" = ${personId}::uuid),
      'earlyHelp', (SELECT coalesce(json_agg(json_build_object(
          'id', "id", 'eventId', "eventId", 'status', "status", 'openedAt', "openedAt")), '[]')
        FROM "EarlyHelpEpisode" WHERE "personId" = ${personId}::uuid),
      'previousReasons', (SELECT "reasons" FROM "RagAssessment" WHERE "personId" = ${personId}::uuid
        ORDER BY "assessedAt" DESC LIMIT 1)
    ) AS "picture"`;
  const raw = row?.picture;
  const j: PictureJson = typeof raw === "string" ? (JSON.parse(raw) as PictureJson) : raw!;
  const date = (d: string) => new Date(d.length === 10 ? `${d}T00:00:00Z` : d);
  const plans = j.plans;
  const police = j.police.map((p) => ({ ...p, occurredAt: date(p.occurredAt) }));
  const ed = j.ed.map((e) => ({ ...e, arrivedAt: date(e.arrivedAt) }));
  const school = j.school.map((s) => ({
    ...s,
    periodStart: date(s.periodStart),
    periodEnd: date(s.periodEnd),
  }));
  const earlyHelp = j.earlyHelp.map((e) => ({ ...e, openedAt: date(e.openedAt) }));
  const picture: ChildPicture = {
    dateOfBirth: j.dateOfBirth ? date(j.dateOfBirth) : null,
    cpisPlans: plans,
    police,
    edAttendances: ed,
    schoolAttendances: school,
    earlyHelpEpisodes: earlyHelp,
  };
  const recordIdsFromEvent = new Set(
    [...plans, ...police, ...ed, ...school, ...earlyHelp]
      .filter((r) => inboundEventId !== undefined && r.eventId === inboundEventId)
      .map((r) => r.id),
  );
  return {
    picture,
    hasOpenEarlyHelp: earlyHelp.some((e) => e.status === "OPEN"),
    recordIdsFromEvent,
    previousReasons: j.previousReasons ?? null,
  };
}
