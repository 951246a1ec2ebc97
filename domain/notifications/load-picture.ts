// Reads children's whole current pictures through the caller's transaction and maps the rows to
// the plain facts the rules read (rag/types.ts). Rows do not leave this file. One raw query
// (json_agg per table, per child) rather than a Prisma call per table: it runs for every event,
// and in batches of a thousand for seeding and rules:compare. Records are ordered by time and id,
// so that the same records give the same evidence whatever order they arrived in.
import { Prisma } from "#db/client.ts";
import type { SqlTx as Tx } from "#db/sql-tx.ts";
import type { ChildPicture, HouseholdPlanFact } from "#rag/index.ts";
import { familyChildrenSql } from "./family.ts";

export interface LoadedPicture {
  picture: ChildPicture;
  hasOpenEarlyHelp: boolean;
  /** Ids of the records stored (or last updated) by the given inbound event. */
  recordIdsFromEvent: Set<string>;
  /** The reasons (JSON) of the child's latest assessment before this one; null for the first. */
  previousReasons: unknown;
}

interface PlanJson {
  id: string;
  eventId: string | null;
  planType: string;
  status: string;
  startDate: string | null;
  endDate: string | null;
}

interface PictureJson {
  dateOfBirth: string | null;
  plans: PlanJson[];
  householdPlans: Array<PlanJson & { personId: string }>;
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
    chiefComplaintSnomed: string | null;
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
  referrals: Array<{ id: string; receivedAt: string; kind: string; immediateRisk: boolean }>;
  previousReasons: unknown;
}

const PLAN = (t: string) =>
  Prisma.raw(`json_build_object('id', ${t}."id", 'eventId', ${t}."eventId", 'planType', ${t}."planType",
      'status', ${t}."status", 'startDate', ${t}."startDate"::text, 'endDate', ${t}."endDate"::text)`);

/** The pictures of the given children (a child the hub does not know gets an empty picture). */
export async function loadPictures(
  tx: Tx,
  personIds: readonly string[],
  /** The event whose records are "from the event": one for all, or each child's own. */
  inboundEventId?: string | ReadonlyMap<string, string>,
  /** Each child's family (family.ts), when the caller has read it already. */
  families?: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, LoadedPicture>> {
  const ids = [...new Set(personIds)];
  const source = families
    ? Prisma.sql`SELECT * FROM unnest(${ids}::uuid[],
        ${ids.map((id) => (families.get(id) ?? []).join(","))}::text[]) AS ids(id, family)`
    : Prisma.sql`SELECT unnest(${ids}::uuid[]) AS id`;
  const rows = await tx.$queryRaw<Array<{ personId: string; picture: PictureJson | string }>>`
    SELECT ids.id::text AS "personId", json_build_object(
      'dateOfBirth', (SELECT "dateOfBirth"::text FROM "Person" WHERE "id" = ids.id),
      'plans', (SELECT coalesce(json_agg(${PLAN("p")} ORDER BY p."id"), '[]')
        FROM "CpisPlan" p WHERE p."personId" = ids.id),
      'householdPlans', (SELECT coalesce(json_agg(
          ${PLAN("p")}::jsonb || jsonb_build_object('personId', p."personId") ORDER BY p."id"), '[]')
        FROM "CpisPlan" p WHERE ${
          families
            ? // = ANY, not IN (SELECT unnest(…)): the semi-join read the whole of CpisPlan once
              // for every child with a family; = ANY is an index scan
              Prisma.sql`p."personId" = ANY(string_to_array(ids.family, ',')::uuid[])`
            : Prisma.sql`p."personId" IN (${familyChildrenSql(Prisma.sql`ids.id`)})`
        }),
      'police', (SELECT coalesce(json_agg(json_build_object(
          'id', "id", 'eventId', "eventId", 'occurredAt', "occurredAt", 'category', "category",
          'riskLevel', "riskLevel", 'childPresent', "childPresent") ORDER BY "occurredAt", "id"), '[]')
        FROM "PoliceNotification" WHERE "personId" = ids.id),
      'ed', (SELECT coalesce(json_agg(json_build_object(
          'id', "id", 'eventId', "eventId", 'arrivedAt', "arrivedAt", 'injury', "injury",
          'safeguardingConcern', "safeguardingConcern",
          'chiefComplaintSnomed', "chiefComplaintSnomed") ORDER BY "arrivedAt", "id"), '[]')
        FROM "EdAttendance" WHERE "personId" = ids.id),
      'school', (SELECT coalesce(json_agg(json_build_object(
          'id', "id", 'eventId', "eventId", 'periodStart', "periodStart"::text,
          'periodEnd', "periodEnd"::text, 'possibleSessions', "possibleSessions",
          'attendedSessions', "attendedSessions", 'missingEducation', "missingEducation",
          'permanentlyExcluded', "permanentlyExcluded") ORDER BY "id"), '[]')
        FROM "SchoolAttendance" WHERE "personId" = ids.id),
      'earlyHelp', (SELECT coalesce(json_agg(json_build_object(
          'id', "id", 'eventId', "eventId", 'status', "status", 'openedAt', "openedAt") ORDER BY "id"), '[]')
        FROM "EarlyHelpEpisode" WHERE "personId" = ids.id),
      'referrals', (SELECT coalesce(json_agg(x ORDER BY x."receivedAt", x."id"), '[]') FROM (
          SELECT r."id", r."receivedAt", 'REFERRAL' AS "kind", r."immediateRisk"
            FROM "Referral" r JOIN "MashNotification" n ON n."id" = r."notificationId"
           WHERE n."personId" = ids.id
          UNION ALL
          SELECT s."id", s."requestedAt", 'STEP_UP_REQUEST', s."urgent"
            FROM "StepUpRequest" s JOIN "MashNotification" n ON n."id" = s."notificationId"
           WHERE n."personId" = ids.id) x),
      'previousReasons', (SELECT "reasons" FROM "RagAssessment" WHERE "personId" = ids.id
        ORDER BY "assessedAt" DESC, "id" DESC LIMIT 1)
    ) AS "picture"
    FROM (${source}) ids`;
  const out = new Map<string, LoadedPicture>();
  for (const row of rows) {
    const raw = row.picture;
    const j: PictureJson = typeof raw === "string" ? (JSON.parse(raw) as PictureJson) : raw;
    const trigger =
      typeof inboundEventId === "string" ? inboundEventId : inboundEventId?.get(row.personId);
    out.set(row.personId, toLoaded(j, trigger));
  }
  return out;
}

/** One child's picture (the per-event path). */
export async function loadPicture(
  tx: Tx,
  personId: string,
  inboundEventId?: string,
): Promise<LoadedPicture> {
  const loaded = (await loadPictures(tx, [personId], inboundEventId)).get(personId);
  if (!loaded) throw new Error("the picture query returned no row for the child");
  return loaded;
}

const date = (d: string) => new Date(d.length === 10 ? `${d}T00:00:00Z` : d);
const optionalDate = (d: string | null) => (d ? date(d) : null);

function toLoaded(j: PictureJson, inboundEventId: string | undefined): LoadedPicture {
  const plans = j.plans.map((p) => ({
    ...p,
    startDate: optionalDate(p.startDate),
    endDate: optionalDate(p.endDate),
  }));
  const householdPlans: Array<HouseholdPlanFact & { eventId: string | null }> =
    j.householdPlans.map((p) => ({
      ...p,
      startDate: optionalDate(p.startDate),
      endDate: optionalDate(p.endDate),
    }));
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
    householdPlans,
    // the front door's referrals and step-up requests (REFERRAL_IMMEDIATE_RISK)
    referrals: (j.referrals ?? []).map((r) => ({ ...r, receivedAt: date(r.receivedAt) })),
  };
  const recordIdsFromEvent = new Set(
    [...plans, ...householdPlans, ...police, ...ed, ...school, ...earlyHelp]
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
