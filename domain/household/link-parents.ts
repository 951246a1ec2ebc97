// Parents an agency names (a police notification's otherPersons with role PARENT) become adult
// Person rows linked to the child: in the household of the agency's reference, and in any family
// household (an early help family) the child already belongs to.
import { randomUUID } from "node:crypto";
import type { SqlTx as Tx } from "#db/sql-tx.ts";
import type { AgencyName } from "#connectors/registry.ts";
import type { NamedAdult } from "#connectors/shared/adapter.ts";
import { linkMembers } from "./link-members.ts";
import { householdRef, isFamilyHousehold } from "./household-ref.ts";

export async function linkParents(
  tx: Tx,
  source: AgencyName,
  childId: string,
  reference: string,
  parents: readonly NamedAdult[],
): Promise<number> {
  if (parents.length === 0) return 0;
  const childHouseholds = await tx.$queryRaw<Array<{ householdId: string; sourceRef: string }>>`
    SELECT m."householdId"::text AS "householdId", h."sourceRef"
      FROM "HouseholdMember" m JOIN "Household" h ON h."id" = m."householdId"
     WHERE m."personId" = ${childId}::uuid AND m."relationship" = 'CHILD'`;
  const members: Array<{ personId: string; relationship: "CHILD" | "PARENT" }> = [
    { personId: childId, relationship: "CHILD" },
  ];
  for (const parent of parents) {
    const personId = await findOrCreateAdult(
      tx,
      parent,
      childHouseholds.map((h) => h.householdId),
    );
    members.push({ personId, relationship: "PARENT" });
  }
  await linkMembers(tx, householdRef(source, reference), source, members);
  for (const h of childHouseholds) {
    if (!isFamilyHousehold(h.sourceRef)) continue;
    await linkMembers(
      tx,
      h.sourceRef,
      source,
      members.filter((m) => m.relationship === "PARENT"),
    );
  }
  return parents.length;
}

/**
 * The same adult is recognised by exact names and date of birth; without a date of birth, only
 * among the people already in the child's households (a name alone is not enough elsewhere).
 */
async function findOrCreateAdult(
  tx: Tx,
  parent: NamedAdult,
  householdIds: string[],
): Promise<string> {
  const { givenName, familyName } = parent;
  const [existing] = parent.dateOfBirth
    ? await tx.$queryRaw<Array<{ id: string }>>`
        SELECT "id"::text AS "id" FROM "Person"
         WHERE "givenName" = ${givenName} AND "familyName" = ${familyName} AND NOT "isChild"
           AND "dateOfBirth" = ${parent.dateOfBirth}::date AND "mergedIntoId" IS NULL
         LIMIT 1`
    : householdIds.length > 0
      ? await tx.$queryRaw<Array<{ id: string }>>`
          SELECT p."id"::text AS "id" FROM "Person" p
           WHERE p."givenName" = ${givenName} AND p."familyName" = ${familyName} AND NOT p."isChild"
             AND EXISTS (SELECT 1 FROM "HouseholdMember" m WHERE m."personId" = p."id"
                          AND m."householdId" = ANY(${householdIds}::uuid[]))
           LIMIT 1`
      : [];
  if (existing) return existing.id;
  const id = randomUUID();
  await tx.$executeRaw`
    INSERT INTO "Person" ("id", "isChild", "givenName", "familyName", "dateOfBirth", "updatedAt")
    VALUES (${id}::uuid, false, ${givenName}, ${familyName}, ${parent.dateOfBirth ?? null}::date,
            clock_timestamp())`;
  return id;
}
