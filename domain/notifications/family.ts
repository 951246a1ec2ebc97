// A child's family as the rules see it (version 2, HOUSEHOLD_MEMBER_ON_PLAN): the other children
// who share a household with the child (an early help family id, a police notification's
// household), or who share a parent with the child (a parent police named, found in another
// household). Adults and merged records are not children of the family.
import { Prisma } from "#db/client.ts";
import type { SqlTx as Tx } from "#db/sql-tx.ts";

/** SQL for the ids of the other children of the family of the person `child` (a uuid SQL). */
export function familyChildrenSql(child: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT m."personId" FROM "HouseholdMember" m
      JOIN "Person" c ON c."id" = m."personId" AND c."isChild" AND c."mergedIntoId" IS NULL
     WHERE m."personId" <> ${child} AND m."relationship" <> 'PARENT'
       AND m."householdId" IN (
             SELECT own."householdId" FROM "HouseholdMember" own WHERE own."personId" = ${child}
             UNION
             SELECT theirs."householdId" FROM "HouseholdMember" theirs
              WHERE theirs."personId" IN (
                      SELECT parent."personId" FROM "HouseholdMember" own
                        JOIN "HouseholdMember" parent
                          ON parent."householdId" = own."householdId"
                         AND parent."relationship" = 'PARENT'
                       WHERE own."personId" = ${child}))`;
}

export interface FamilyMember {
  personId: string;
  /** The member has a CP-IS plan of any type or status. */
  hasPlan: boolean;
}

export interface Family {
  members: FamilyMember[];
  /** The child itself has a CP-IS plan. */
  ownPlan: boolean;
}

/**
 * Each child's family, with who has a plan (one statement; children without one are left out).
 * Set-based rather than familyChildrenSql per child: a batch's 500 children are joined to the
 * household tables once, which keeps the plan a few hash or index joins whatever the table
 * statistics say (a per-child subplan turned into a sequential scan per child on a table that
 * grew faster than autovacuum analysed it: 20 ms and more per batch).
 */
export async function familiesWithPlans(
  tx: Tx,
  childIds: readonly string[],
): Promise<Map<string, Family>> {
  const out = new Map<string, Family>();
  const ids = [...new Set(childIds)];
  if (ids.length === 0) return out;
  const rows = await tx.$queryRaw<
    Array<{ child: string; member: string | null; hasPlan: boolean; ownPlan: boolean }>
  >`
    WITH own AS (
      SELECT m."personId" AS kid, m."householdId" AS hh
        FROM "HouseholdMember" m WHERE m."personId" = ANY(${ids}::uuid[])
    ), households AS (
      SELECT kid, hh FROM own
      UNION
      SELECT own.kid, theirs."householdId"
        FROM own
        JOIN "HouseholdMember" parent
          ON parent."householdId" = own.hh AND parent."relationship" = 'PARENT'
        JOIN "HouseholdMember" theirs ON theirs."personId" = parent."personId"
    ), family AS (
      SELECT DISTINCT h.kid, m."personId" AS member
        FROM households h
        JOIN "HouseholdMember" m
          ON m."householdId" = h.hh AND m."relationship" <> 'PARENT' AND m."personId" <> h.kid
        JOIN "Person" c ON c."id" = m."personId" AND c."isChild" AND c."mergedIntoId" IS NULL
    )
    SELECT f.kid::text AS "child", f.member::text AS "member",
           EXISTS (SELECT 1 FROM "CpisPlan" p WHERE p."personId" = f.member) AS "hasPlan",
           EXISTS (SELECT 1 FROM "CpisPlan" p WHERE p."personId" = f.kid) AS "ownPlan"
      FROM family f
     ORDER BY 1, 2`;
  for (const r of rows) {
    const family = out.get(r.child) ?? { members: [], ownPlan: r.ownPlan };
    if (r.member) family.members.push({ personId: r.member, hasPlan: r.hasPlan });
    out.set(r.child, family);
  }
  // a child read and found without a family is known to have none
  for (const id of ids) if (!out.has(id)) out.set(id, { members: [], ownPlan: false });
  return out;
}
