// Everything the unified view shows about a child except the person row itself, for many
// children in ONE query (a JSON aggregate per relation). Each query through Prisma costs CPU on
// the hub whatever its size, so the child view asks once instead of once per relation. JSON
// carries dates as ISO strings: they are revived here, so the rows have the Prisma row shape
// and never leave the data layer as anything else.
import type { Db, Statement } from "#db/client.ts";
import type {
  CpisPlan,
  EarlyHelpEpisode,
  EdAttendance,
  PersonIdentifier,
  PoliceNotification,
  SchoolAttendance,
} from "#db/generated/client.ts";
import type { AgencyName } from "#auth/viewer.ts";
import type { HouseholdMemberView } from "./views.ts";

export interface ChildRecords {
  identifiers: PersonIdentifier[];
  cpisPlans: CpisPlan[];
  policeNotifications: PoliceNotification[];
  edAttendances: EdAttendance[];
  schoolAttendances: SchoolAttendance[];
  earlyHelpEpisodes: EarlyHelpEpisode[];
  household: HouseholdMemberView[];
  /** When each agency's pushed records for the child were last received. */
  pushedAsOf: Partial<Record<AgencyName, Date>>;
}

type Json = Record<string, unknown>;

export interface RecordsRow {
  personId: string;
  identifiers: Json[];
  cpisPlans: Json[];
  policeNotifications: Json[];
  edAttendances: Json[];
  schoolAttendances: Json[];
  earlyHelpEpisodes: Json[];
  household: Json[];
  pushedAsOf: Record<string, string>;
}

const EMPTY = (): ChildRecords => ({
  identifiers: [],
  cpisPlans: [],
  policeNotifications: [],
  edAttendances: [],
  schoolAttendances: [],
  earlyHelpEpisodes: [],
  household: [],
  pushedAsOf: {},
});

/** Turns the named ISO string fields of JSON objects back into Dates (null stays null). */
export function revive<T>(rows: Json[], dates: readonly string[]): T[] {
  return rows.map((r) => {
    const out: Json = { ...r };
    for (const k of dates) {
      const v = out[k];
      out[k] = typeof v === "string" ? new Date(v) : null;
    }
    return out as T;
  });
}

/**
 * The records of the child `k.id`, one column per relation (RecordsRow), for a SELECT over
 * `k(id)`: shared by this file's statement and the whole-child one (load-whole-children.ts).
 */
export const RECORD_COLUMNS = `
      (SELECT coalesce(json_agg(x ORDER BY x."createdAt" ASC, x.id ASC), '[]'::json)
         FROM "PersonIdentifier" x WHERE x."personId" = k.id) AS identifiers,
      (SELECT coalesce(json_agg(x), '[]'::json)
         FROM "CpisPlan" x WHERE x."personId" = k.id) AS "cpisPlans",
      (SELECT coalesce(json_agg(x ORDER BY x."occurredAt" DESC, x.id ASC), '[]'::json)
         FROM "PoliceNotification" x WHERE x."personId" = k.id) AS "policeNotifications",
      (SELECT coalesce(json_agg(x ORDER BY x."arrivedAt" DESC, x.id ASC), '[]'::json)
         FROM "EdAttendance" x WHERE x."personId" = k.id) AS "edAttendances",
      (SELECT coalesce(json_agg(x), '[]'::json)
         FROM "SchoolAttendance" x WHERE x."personId" = k.id) AS "schoolAttendances",
      (SELECT coalesce(json_agg(x), '[]'::json)
         FROM "EarlyHelpEpisode" x WHERE x."personId" = k.id) AS "earlyHelpEpisodes",
      (SELECT coalesce(json_agg(h ORDER BY h.relationship ASC, h."personId" ASC), '[]'::json)
         FROM (SELECT m."personId", m.relationship, p."givenName", p."familyName", p."dateOfBirth",
                      p."isChild"
                 FROM "HouseholdMember" own
                 JOIN "HouseholdMember" m ON m."householdId" = own."householdId"
                 JOIN "Person" p ON p.id = m."personId"
                WHERE own."personId" = k.id AND m."personId" <> k.id
                  AND p.status <> 'MERGED') h) AS household,
      (SELECT coalesce(json_object_agg(s.source, s.at), '{}'::json)
         FROM (SELECT source::text AS source, max("receivedAt") AS at
                 FROM "InboundEvent" WHERE "personId" = k.id GROUP BY source) s) AS "pushedAsOf"`;

/** Every relation of each child in $1, one row per child (a prepared statement: db.sql). */
const RECORDS: Statement = {
  name: "child-view.records",
  text: `SELECT k.id AS "personId", ${RECORD_COLUMNS} FROM unnest($1::uuid[]) AS k(id)`,
};

/** One entry per asked id (children without records get empty lists). */
export async function loadChildRecords(
  db: Db,
  personIds: readonly string[],
): Promise<Map<string, ChildRecords>> {
  const result = new Map<string, ChildRecords>(personIds.map((id) => [id, EMPTY()]));
  if (personIds.length === 0) return result;
  const rows = await db.sql.query<RecordsRow>(RECORDS, [[...new Set(personIds)]]);
  for (const r of rows) result.set(r.personId, toChildRecords(r));
  return result;
}

/** A row of RECORD_COLUMNS as the records' Prisma shapes. */
export function toChildRecords(r: RecordsRow): ChildRecords {
  const seen = new Set<string>();
  const household: HouseholdMemberView[] = [];
  // a person in two of the child's households is listed once (first in the order above)
  for (const m of r.household) {
    const personId = m["personId"] as string;
    if (seen.has(personId)) continue;
    seen.add(personId);
    household.push({
      childId: r.personId,
      personId,
      givenName: (m["givenName"] as string | null) ?? null,
      familyName: (m["familyName"] as string | null) ?? null,
      dateOfBirth: typeof m["dateOfBirth"] === "string" ? new Date(m["dateOfBirth"]) : null,
      relationship: m["relationship"] as string,
      memberChildId: m["isChild"] === true ? personId : undefined,
    });
  }
  const pushedAsOf: Partial<Record<AgencyName, Date>> = {};
  for (const [source, at] of Object.entries(r.pushedAsOf)) {
    if (at) pushedAsOf[source as AgencyName] = new Date(at);
  }
  return {
    identifiers: revive<PersonIdentifier>(r.identifiers, ["createdAt"]),
    cpisPlans: revive<CpisPlan>(r.cpisPlans, ["startDate", "endDate", "fetchedAt"]),
    policeNotifications: revive<PoliceNotification>(r.policeNotifications, ["occurredAt"]),
    edAttendances: revive<EdAttendance>(r.edAttendances, ["arrivedAt"]),
    schoolAttendances: revive<SchoolAttendance>(r.schoolAttendances, [
      "periodStart",
      "periodEnd",
      "fetchedAt",
    ]),
    earlyHelpEpisodes: revive<EarlyHelpEpisode>(r.earlyHelpEpisodes, ["openedAt", "closedAt"]),
    household,
    pushedAsOf,
  };
}
