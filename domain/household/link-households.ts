// What a round of events says about children's households,
// with a few statements for the whole round instead of several per event — the families they
// name, and the parents police name (found by exact names and date of birth, or made), who join
// the notification's household and every family household the child is in.
import type { SqlTx } from "#db/sql-tx.ts";
import type { AgencyAdapter, NamedAdult } from "#connectors/shared/adapter.ts";
import { householdRef, isFamilyHousehold } from "./household-ref.ts";
import { linkParents } from "./link-parents.ts";
import { linkMembersMany, type Member } from "./link-members.ts";

export interface HouseholdEvent {
  adapter: AgencyAdapter;
  childId: string;
  payload: unknown;
}

export async function linkHouseholds(tx: SqlTx, events: readonly HouseholdEvent[]): Promise<void> {
  const members: Member[] = [];
  const withParents: Array<{ e: HouseholdEvent; reference: string; adults: NamedAdult[] }> = [];
  for (const e of events) {
    const links = e.adapter.household;
    if (!links) continue;
    const familyId = links.family?.(e.payload);
    if (familyId !== undefined) {
      const ref = householdRef(e.adapter.source, familyId);
      members.push({ ref, personId: e.childId, relationship: "CHILD", source: e.adapter.source });
    }
    const parents = links.parents?.(e.payload);
    if (parents && parents.adults.length > 0) withParents.push({ e, ...parents });
  }
  await linkMembersMany(tx, members);
  if (withParents.length === 0) return;

  // parents with a date of birth: found or made together; without one, the per-event path
  const dated = withParents.filter((w) => w.adults.every((a) => a.dateOfBirth));
  for (const w of withParents.filter((x) => !dated.includes(x))) {
    await linkParents(tx, w.e.adapter.source, w.e.childId, w.reference, w.adults);
  }
  if (dated.length === 0) return;
  const adults = new Map<string, NamedAdult>();
  for (const w of dated) for (const a of w.adults) adults.set(adultKey(a), a);
  const ids = await findOrMakeAdults(tx, [...adults.values()]);
  const families = await familyHouseholdsOf(
    tx,
    dated.map((w) => w.e.childId),
  );
  const parentMembers: Member[] = [];
  for (const w of dated) {
    const source = w.e.adapter.source;
    const ref = householdRef(source, w.reference);
    const parents = w.adults.map((a) => ids.get(adultKey(a))!);
    parentMembers.push({ ref, personId: w.e.childId, relationship: "CHILD", source });
    for (const p of parents)
      parentMembers.push({ ref, personId: p, relationship: "PARENT", source });
    for (const family of families.get(w.e.childId) ?? []) {
      for (const p of parents) {
        parentMembers.push({ ref: family, personId: p, relationship: "PARENT", source });
      }
    }
  }
  await linkMembersMany(tx, parentMembers);
}

const adultKey = (a: NamedAdult) => `${a.givenName}|${a.familyName}|${a.dateOfBirth ?? ""}`;

/** The same adult is recognised by exact names and date of birth; the others are made. */
async function findOrMakeAdults(
  tx: SqlTx,
  adults: readonly NamedAdult[],
): Promise<Map<string, string>> {
  const rows = await tx.$queryRaw<Array<{ i: number; id: string }>>`
    WITH wanted AS (
      SELECT * FROM unnest(${adults.map((a) => a.givenName)}::text[], ${adults.map((a) => a.familyName)}::text[],
                           ${adults.map((a) => a.dateOfBirth)}::date[]) WITH ORDINALITY AS w(g, f, dob, i)
    ), found AS (
      SELECT DISTINCT ON (w.i) w.i, p."id"
        FROM wanted w JOIN "Person" p ON p."givenName" = w.g AND p."familyName" = w.f
         AND p."dateOfBirth" = w.dob AND NOT p."isChild" AND p."mergedIntoId" IS NULL
       ORDER BY w.i, p."createdAt", p."id"
    ), made AS (
      INSERT INTO "Person" ("id", "isChild", "givenName", "familyName", "dateOfBirth", "updatedAt")
      SELECT gen_random_uuid(), false, w.g, w.f, w.dob, clock_timestamp()
        FROM wanted w WHERE w.i NOT IN (SELECT i FROM found)
      RETURNING "id", "givenName", "familyName", "dateOfBirth"
    )
    SELECT i::int AS "i", "id"::text AS "id" FROM found
    UNION ALL
    SELECT w.i::int, m."id"::text FROM made m JOIN wanted w
      ON w.g = m."givenName" AND w.f = m."familyName" AND w.dob = m."dateOfBirth"`;
  const out = new Map<string, string>();
  for (const r of rows) {
    const a = adults[r.i - 1];
    if (a) out.set(adultKey(a), r.id);
  }
  return out;
}

/** The family households (an early help family) each child is a child of. */
async function familyHouseholdsOf(
  tx: SqlTx,
  childIds: readonly string[],
): Promise<Map<string, string[]>> {
  const rows = await tx.$queryRaw<Array<{ child: string; ref: string }>>`
    SELECT m."personId"::text AS "child", h."sourceRef" AS "ref"
      FROM "HouseholdMember" m JOIN "Household" h ON h."id" = m."householdId"
     WHERE m."personId" = ANY(${[...new Set(childIds)]}::uuid[]) AND m."relationship" = 'CHILD'`;
  const out = new Map<string, string[]>();
  for (const r of rows) {
    if (!isFamilyHousehold(r.ref)) continue;
    const list = out.get(r.child);
    if (list) list.push(r.ref);
    else out.set(r.child, [r.ref]);
  }
  return out;
}
