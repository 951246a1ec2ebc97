// A child's family as the rules see it (version 2, HOUSEHOLD_MEMBER_ON_PLAN): the other children
// who share a household with the child (an early help family id, a police notification's
// household), or who share a parent with the child (a parent police named, found in another
// household). Adults and merged records are not children of the family.
import { Prisma, type Tx } from "#db/client.ts";

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

/** The other children of the child's family, with whether each has a CP-IS plan. */
export async function familyOf(tx: Tx, childId: string): Promise<FamilyMember[]> {
  const child = Prisma.sql`${childId}::uuid`;
  return tx.$queryRaw<FamilyMember[]>`
    SELECT f."personId"::text AS "personId",
           EXISTS (SELECT 1 FROM "CpisPlan" p WHERE p."personId" = f."personId") AS "hasPlan"
      FROM (${familyChildrenSql(child)}) f
     ORDER BY f."personId"`;
}
