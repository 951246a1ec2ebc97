// Per-request DataLoaders for everything the Child type reaches: per tick, one query for the
// people, one for every relation of theirs (load-child-records.ts), one for their ratings and one
// for their notifications, whatever the number of children (no N+1). Created in the request context; batch functions keep
// key order. `batch: false` turns batching off (the bench compares the two).
import DataLoader from "dataloader";
import type { Db, Statement } from "#db/client.ts";
import type {
  CpisPlan,
  MashNotification,
  Person,
  PersonIdentifier,
  SchoolAttendance,
} from "#db/generated/client.ts";
import { getCurrentRag, type RagAssessmentView } from "#notifications/get-current-rag.ts";
import { mapNotification, type Notification } from "#notifications/map-notification.ts";
import { loadChildRecords, type ChildRecords } from "./load-child-records.ts";
import { loadWholeChildren, type WholeChild } from "./load-whole-children.ts";
import type { PullOutcome, PulledAgency } from "./pull-sources.ts";

export interface LoaderOptions {
  batch: boolean;
  /** Whether any agency is pulled (CP-IS or education configured): if not, pulls are empty. */
  pullsConfigured?: boolean;
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

const STATEMENTS = {
  person: { name: "child-view.person", text: `SELECT * FROM "Person" WHERE id = ANY($1::uuid[])` },
  notifications: {
    name: "child-view.notifications",
    text: `SELECT * FROM "MashNotification" WHERE "personId" = ANY($1::uuid[])
            ORDER BY "createdAt" DESC, id DESC`,
  },
  cpisPlans: {
    name: "child-view.cpis-plans",
    text: `SELECT * FROM "CpisPlan" WHERE "personId" = ANY($1::uuid[])`,
  },
  schoolAttendances: {
    name: "child-view.school-attendances",
    text: `SELECT * FROM "SchoolAttendance" WHERE "personId" = ANY($1::uuid[])`,
  },
} satisfies Record<string, Statement>;

export function createChildLoaders(db: Db, pull: PullLoaderFn, options: LoaderOptions) {
  const q = options.onQuery ?? (() => undefined);
  const opts = { batch: options.batch };

  // Prepared statements on plain pg (db.sql): a compiled Prisma query costs more CPU per call than
  // the round trip itself, and an unprepared one is planned again every time
  // (bench/scenarios/view-unified.ts). Tables have no @map, so `SELECT *` rows have the Prisma
  // row shape.
  const person = new DataLoader<string, Person | null>(async (keys) => {
    q();
    const rows = await db.sql.query<Person>(STATEMENTS.person, [[...keys]]);
    const map = new Map(rows.map((r) => [r.id, r]));
    return keys.map((k) => map.get(k) ?? null);
  }, opts);

  /** Every relation the view shows, for all children asked in one tick, in one query. */
  const records = new DataLoader<string, ChildRecords>(async (keys) => {
    q();
    const map = await loadChildRecords(db, keys);
    return keys.map((k) => map.get(k)!);
  }, opts);

  /** A loader for one part of the records (what the service reads; the query is shared). */
  function part<K extends keyof ChildRecords>(key: K) {
    return new DataLoader<string, ChildRecords[K]>(async (keys) => {
      const found = await records.loadMany(keys);
      return keys.map((_, i) => {
        const r = found[i]!;
        return r instanceof Error ? r : r[key];
      });
    }, opts);
  }

  const identifiers = part("identifiers");
  const policeNotifications = part("policeNotifications");
  const edAttendances = part("edAttendances");
  const earlyHelpEpisodes = part("earlyHelpEpisodes");
  const household = part("household");
  const pushedAsOf = part("pushedAsOf");

  const rag = new DataLoader<string, RagAssessmentView | null>(async (keys) => {
    q();
    const map = await getCurrentRag(db, keys);
    return keys.map((k) => map.get(k) ?? null);
  }, opts);

  /**
   * Query.child: the person, its records and its rating in one statement (load-whole-children.ts),
   * primed into the loaders above so that the child's fields ask the database nothing more.
   */
  const openedRows = new Map<string, WholeChild>();
  const opened = new DataLoader<string, true>(async (keys) => {
    q();
    const whole = await loadWholeChildren(db, keys);
    for (const [id, w] of whole) {
      person.prime(id, w.person);
      records.prime(id, w.records);
      rag.prime(id, w.rag);
      openedRows.set(id, w);
    }
    return keys.map(() => true as const);
  }, opts);
  /** What `opened` read for a child, once it has: the same rows the loaders were primed with. */
  const openedNow = (id: string): WholeChild | undefined => openedRows.get(id);

  const notifications = new DataLoader<string, Notification[]>(async (keys) => {
    q();
    const rows = await db.sql.query<MashNotification>(STATEMENTS.notifications, [[...keys]]);
    return byPerson(keys, rows).map((list) => list.map(mapNotification));
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

  /**
   * A pulled part: from the shared records where no connector was asked for the child (the
   * records cannot be older than the pull); read afresh, after the pull, where one was.
   */
  function pulledPart<K extends "cpisPlans" | "schoolAttendances">(
    key: K,
    agency: PulledAgency,
    fresh: (personIds: string[]) => Promise<ChildRecords[K][number][]>,
  ) {
    return new DataLoader<string, ChildRecords[K]>(async (keys) => {
      const outcomes = await pulls.loadMany(keys);
      const asked = keys.filter((_, i) => {
        const o = outcomes[i];
        return o instanceof Error || o?.[agency] !== undefined;
      });
      const askedSet = new Set(asked);
      const kept = keys.filter((k) => !askedSet.has(k));
      const stored = await records.loadMany(kept);
      const byKey = new Map<string, ChildRecords[K] | Error>();
      kept.forEach((k, i) => {
        const r = stored[i]!;
        byKey.set(k, r instanceof Error ? r : r[key]);
      });
      if (asked.length > 0) {
        q();
        const rows = await fresh(asked);
        const lists = byPerson(asked, rows as Array<{ personId: string }>);
        asked.forEach((k, i) => byKey.set(k, lists[i] as ChildRecords[K]));
      }
      return keys.map((k) => byKey.get(k)!);
    }, opts);
  }

  const cpisPlans = pulledPart("cpisPlans", "CPIS", (ids) =>
    db.sql.query<CpisPlan>(STATEMENTS.cpisPlans, [ids]),
  );
  const schoolAttendances = pulledPart("schoolAttendances", "EDUCATION", (ids) =>
    db.sql.query<SchoolAttendance>(STATEMENTS.schoolAttendances, [ids]),
  );

  return {
    opened,
    openedNow,
    /** False: no agency is pulled, every pulled part is what was pushed (read at once). */
    pullsConfigured: options.pullsConfigured ?? true,
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
