// Per-request DataLoaders for everything the Child type reaches: one query per relation per tick,
// whatever the number of children (no N+1). Created in the request context; batch functions keep
// key order. `batch: false` turns batching off (the bench compares the two).
import DataLoader from "dataloader";
import type { Db } from "../db/client.ts";
import type {
  CpisPlan,
  EarlyHelpEpisode,
  EdAttendance,
  MashNotification,
  Person,
  PersonIdentifier,
  PoliceNotification,
  SchoolAttendance,
} from "../db/generated/client.ts";
import type { AgencyName } from "../auth/viewer.ts";
import { getCurrentRag, type RagAssessmentView } from "../notifications/get-current-rag.ts";
import { mapNotification, type Notification } from "../notifications/map-notification.ts";
import type { HouseholdMemberView } from "./views.ts";
import type { PullOutcome, PulledAgency } from "./pull-sources.ts";

export interface LoaderOptions {
  batch: boolean;
  /** Called once per database round trip (bench counts them). */
  onQuery?: () => void;
}

export type PullLoaderFn = (
  personIds: readonly string[],
  identifiers: Map<string, PersonIdentifier[]>,
) => Promise<Map<string, Partial<Record<PulledAgency, PullOutcome>>>>;

interface HouseholdRow {
  childId: string;
  personId: string;
  relationship: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: Date | null;
}

interface PushedRow {
  personId: string;
  source: AgencyName;
  receivedAt: Date | null;
}

function byPerson<T extends { personId: string }>(keys: readonly string[], rows: T[]): T[][] {
  const map = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const r of rows) map.get(r.personId)?.push(r);
  return keys.map((k) => map.get(k) ?? []);
}

export function createChildLoaders(db: Db, pull: PullLoaderFn, options: LoaderOptions) {
  const q = options.onQuery ?? (() => undefined);
  const opts = { batch: options.batch };

  // $queryRaw with ANY($1::uuid[]): one prepared SQL text per relation. A compiled Prisma query
  // costs more CPU per call than the round trip itself (bench/scenarios/view-unified.ts). Tables
  // have no @map, so `SELECT *` rows have the Prisma row shape (enum arrays aside: none here).
  const person = new DataLoader<string, Person | null>(async (keys) => {
    q();
    const rows = await db.$queryRaw<Person[]>`
      SELECT * FROM "Person" WHERE id = ANY(${[...keys]}::uuid[])`;
    const map = new Map(rows.map((r) => [r.id, r]));
    return keys.map((k) => map.get(k) ?? null);
  }, opts);

  const identifiers = new DataLoader<string, PersonIdentifier[]>(async (keys) => {
    q();
    const rows = await db.$queryRaw<PersonIdentifier[]>`
      SELECT * FROM "PersonIdentifier" WHERE "personId" = ANY(${[...keys]}::uuid[])
       ORDER BY "createdAt" ASC, id ASC`;
    return byPerson(keys, rows);
  }, opts);

  const cpisPlans = new DataLoader<string, CpisPlan[]>(async (keys) => {
    q();
    const rows = await db.$queryRaw<CpisPlan[]>`
      SELECT * FROM "CpisPlan" WHERE "personId" = ANY(${[...keys]}::uuid[])`;
    return byPerson(keys, rows);
  }, opts);

  const policeNotifications = new DataLoader<string, PoliceNotification[]>(async (keys) => {
    q();
    const rows = await db.$queryRaw<PoliceNotification[]>`
      SELECT * FROM "PoliceNotification" WHERE "personId" = ANY(${[...keys]}::uuid[])
       ORDER BY "occurredAt" DESC, id ASC`;
    return byPerson(keys, rows);
  }, opts);

  const edAttendances = new DataLoader<string, EdAttendance[]>(async (keys) => {
    q();
    const rows = await db.$queryRaw<EdAttendance[]>`
      SELECT * FROM "EdAttendance" WHERE "personId" = ANY(${[...keys]}::uuid[])
       ORDER BY "arrivedAt" DESC, id ASC`;
    return byPerson(keys, rows);
  }, opts);

  const schoolAttendances = new DataLoader<string, SchoolAttendance[]>(async (keys) => {
    q();
    const rows = await db.$queryRaw<SchoolAttendance[]>`
      SELECT * FROM "SchoolAttendance" WHERE "personId" = ANY(${[...keys]}::uuid[])`;
    return byPerson(keys, rows);
  }, opts);

  const earlyHelpEpisodes = new DataLoader<string, EarlyHelpEpisode[]>(async (keys) => {
    q();
    const rows = await db.$queryRaw<EarlyHelpEpisode[]>`
      SELECT * FROM "EarlyHelpEpisode" WHERE "personId" = ANY(${[...keys]}::uuid[])`;
    return byPerson(keys, rows);
  }, opts);

  /** Everyone sharing a household with the child (merged records left out), one query. */
  const household = new DataLoader<string, HouseholdMemberView[]>(async (keys) => {
    q();
    const rows = await db.$queryRaw<HouseholdRow[]>`
      SELECT own."personId" AS "childId", m."personId", m.relationship,
             p."givenName", p."familyName", p."dateOfBirth"
        FROM "HouseholdMember" own
        JOIN "HouseholdMember" m ON m."householdId" = own."householdId"
        JOIN "Person" p ON p.id = m."personId"
       WHERE own."personId" = ANY(${[...keys]}::uuid[])
         AND m."personId" <> own."personId"
         AND p.status <> 'MERGED'
       ORDER BY m.relationship ASC, m."personId" ASC`;
    const byChild = new Map<string, HouseholdMemberView[]>(keys.map((k) => [k, []]));
    const seen = new Set<string>();
    for (const r of rows) {
      // a person in two of the child's households is listed once (first in the order above)
      const key = `${r.childId}|${r.personId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      byChild.get(r.childId)?.push({
        childId: r.childId,
        personId: r.personId,
        givenName: r.givenName,
        familyName: r.familyName,
        dateOfBirth: r.dateOfBirth,
        relationship: r.relationship,
      });
    }
    return keys.map((k) => byChild.get(k) ?? []);
  }, opts);

  const rag = new DataLoader<string, RagAssessmentView | null>(async (keys) => {
    q();
    q();
    const map = await getCurrentRag(db, keys);
    return keys.map((k) => map.get(k) ?? null);
  }, opts);

  const notifications = new DataLoader<string, Notification[]>(async (keys) => {
    q();
    const rows = await db.$queryRaw<MashNotification[]>`
      SELECT * FROM "MashNotification" WHERE "personId" = ANY(${[...keys]}::uuid[])
       ORDER BY "createdAt" DESC, id DESC`;
    return byPerson(keys, rows).map((list) => list.map(mapNotification));
  }, opts);

  /** When each agency's pushed records for the child were last received. */
  const pushedAsOf = new DataLoader<string, Partial<Record<AgencyName, Date>>>(async (keys) => {
    q();
    const rows = await db.$queryRaw<PushedRow[]>`
      SELECT "personId", source::text AS source, max("receivedAt") AS "receivedAt"
        FROM "InboundEvent" WHERE "personId" = ANY(${[...keys]}::uuid[])
       GROUP BY "personId", source`;
    const map = new Map<string, Partial<Record<AgencyName, Date>>>(keys.map((k) => [k, {}]));
    for (const r of rows) {
      const entry = map.get(r.personId);
      if (entry && r.receivedAt) entry[r.source] = r.receivedAt;
    }
    return keys.map((k) => map.get(k)!);
  }, opts);

  const pulls = new DataLoader<string, Partial<Record<PulledAgency, PullOutcome>>>(async (keys) => {
    const idLists = await identifiers.loadMany(keys);
    const byId = new Map<string, PersonIdentifier[]>(
      keys.map((k, i) => {
        const v = idLists[i];
        return [k, Array.isArray(v) ? v : []];
      }),
    );
    const map = await pull(keys, byId);
    return keys.map((k) => map.get(k) ?? {});
  }, opts);

  return {
    person,
    identifiers,
    cpisPlans,
    policeNotifications,
    edAttendances,
    schoolAttendances,
    earlyHelpEpisodes,
    household,
    rag,
    notifications,
    pushedAsOf,
    pulls,
  };
}

export type ChildLoaders = ReturnType<typeof createChildLoaders>;
