// Per-request DataLoaders for everything the Child type reaches: one query per relation per tick,
// whatever the number of children (no N+1). Created in the request context; batch functions keep
// key order. `batch: false` turns batching off (the bench compares the two).
import DataLoader from "dataloader";
import type { Db } from "../db/client.ts";
import type {
  CpisPlan,
  EarlyHelpEpisode,
  EdAttendance,
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

function byPerson<T extends { personId: string }>(keys: readonly string[], rows: T[]): T[][] {
  const map = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const r of rows) map.get(r.personId)?.push(r);
  return keys.map((k) => map.get(k) ?? []);
}

export function createChildLoaders(db: Db, pull: PullLoaderFn, options: LoaderOptions) {
  const q = options.onQuery ?? (() => undefined);
  const opts = { batch: options.batch };
  const ids = (keys: readonly string[]) => ({ in: [...keys] });

  const person = new DataLoader<string, Person | null>(async (keys) => {
    q();
    const rows = await db.person.findMany({ where: { id: ids(keys) } });
    const map = new Map(rows.map((r) => [r.id, r]));
    return keys.map((k) => map.get(k) ?? null);
  }, opts);

  const identifiers = new DataLoader<string, PersonIdentifier[]>(async (keys) => {
    q();
    const rows = await db.personIdentifier.findMany({
      where: { personId: ids(keys) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    return byPerson(keys, rows);
  }, opts);

  const cpisPlans = new DataLoader<string, CpisPlan[]>(async (keys) => {
    q();
    return byPerson(keys, await db.cpisPlan.findMany({ where: { personId: ids(keys) } }));
  }, opts);

  const policeNotifications = new DataLoader<string, PoliceNotification[]>(async (keys) => {
    q();
    const rows = await db.policeNotification.findMany({
      where: { personId: ids(keys) },
      orderBy: [{ occurredAt: "desc" }, { id: "asc" }],
    });
    return byPerson(keys, rows);
  }, opts);

  const edAttendances = new DataLoader<string, EdAttendance[]>(async (keys) => {
    q();
    const rows = await db.edAttendance.findMany({
      where: { personId: ids(keys) },
      orderBy: [{ arrivedAt: "desc" }, { id: "asc" }],
    });
    return byPerson(keys, rows);
  }, opts);

  const schoolAttendances = new DataLoader<string, SchoolAttendance[]>(async (keys) => {
    q();
    return byPerson(keys, await db.schoolAttendance.findMany({ where: { personId: ids(keys) } }));
  }, opts);

  const earlyHelpEpisodes = new DataLoader<string, EarlyHelpEpisode[]>(async (keys) => {
    q();
    return byPerson(keys, await db.earlyHelpEpisode.findMany({ where: { personId: ids(keys) } }));
  }, opts);

  const household = new DataLoader<string, HouseholdMemberView[]>(async (keys) => {
    q();
    const own = await db.householdMember.findMany({
      where: { personId: ids(keys) },
      select: { personId: true, householdId: true },
    });
    if (own.length === 0) return keys.map(() => []);
    q();
    const members = await db.householdMember.findMany({
      where: { householdId: { in: [...new Set(own.map((o) => o.householdId))] } },
      select: {
        householdId: true,
        personId: true,
        relationship: true,
        person: {
          select: { givenName: true, familyName: true, dateOfBirth: true, status: true },
        },
      },
      orderBy: [{ relationship: "asc" }, { personId: "asc" }],
    });
    return keys.map((childId) => {
      const households = new Set(
        own.filter((o) => o.personId === childId).map((o) => o.householdId),
      );
      const seen = new Set<string>([childId]);
      const out: HouseholdMemberView[] = [];
      for (const m of members) {
        if (!households.has(m.householdId) || seen.has(m.personId)) continue;
        if (m.person.status === "MERGED") continue;
        seen.add(m.personId);
        out.push({
          childId,
          personId: m.personId,
          givenName: m.person.givenName,
          familyName: m.person.familyName,
          dateOfBirth: m.person.dateOfBirth,
          relationship: m.relationship,
        });
      }
      return out;
    });
  }, opts);

  const rag = new DataLoader<string, RagAssessmentView | null>(async (keys) => {
    q();
    q();
    const map = await getCurrentRag(db, keys);
    return keys.map((k) => map.get(k) ?? null);
  }, opts);

  const notifications = new DataLoader<string, Notification[]>(async (keys) => {
    q();
    const rows = await db.mashNotification.findMany({
      where: { personId: ids(keys) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    return byPerson(keys, rows).map((list) => list.map(mapNotification));
  }, opts);

  /** When each agency's pushed records for the child were last received. */
  const pushedAsOf = new DataLoader<string, Partial<Record<AgencyName, Date>>>(async (keys) => {
    q();
    const rows = await db.inboundEvent.groupBy({
      by: ["personId", "source"],
      where: { personId: ids(keys) },
      _max: { receivedAt: true },
    });
    const map = new Map<string, Partial<Record<AgencyName, Date>>>(keys.map((k) => [k, {}]));
    for (const r of rows) {
      if (r.personId && r._max.receivedAt) map.get(r.personId)![r.source] = r._max.receivedAt;
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
