// Parents an agency names (a police notification's otherPersons with role PARENT) become adult
// Person rows linked to the child: in the household of the agency's reference, and in any family
// household (an early help family) the child already belongs to.
import type { Tx } from "#db/client.ts";
import type { AgencyName } from "#connectors/registry.ts";
import type { NamedAdult } from "#connectors/shared/adapter.ts";
import { dateOnly } from "#connectors/shared/stored-record.ts";
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
  const childHouseholds = await tx.householdMember.findMany({
    where: { personId: childId, relationship: "CHILD" },
    select: { householdId: true, household: { select: { sourceRef: true } } },
  });
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
    if (!isFamilyHousehold(h.household.sourceRef)) continue;
    await linkMembers(
      tx,
      h.household.sourceRef,
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
  const names = { givenName: parent.givenName, familyName: parent.familyName, isChild: false };
  const existing = parent.dateOfBirth
    ? await tx.person.findFirst({
        where: { ...names, dateOfBirth: dateOnly(parent.dateOfBirth), mergedIntoId: null },
        select: { id: true },
      })
    : householdIds.length > 0
      ? await tx.person.findFirst({
          where: { ...names, householdLinks: { some: { householdId: { in: householdIds } } } },
          select: { id: true },
        })
      : null;
  if (existing) return existing.id;
  const created = await tx.person.create({
    data: {
      ...names,
      dateOfBirth: parent.dateOfBirth ? dateOnly(parent.dateOfBirth) : null,
    },
    select: { id: true },
  });
  return created.id;
}
