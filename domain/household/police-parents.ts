// Parents named in a police notification become adult Person rows linked to the child: in the
// household of the notification, and in any early help family the child already belongs to.
import type { Tx } from "#db/client.ts";
import type { OtherPerson } from "#connectors/police/event-schema.ts";
import { dateOnly } from "#connectors/shared/stored-record.ts";
import { linkMembers } from "./link-members.ts";

export const policeHouseholdRef = (merlinRef: string) => `POLICE:${merlinRef}`;

export async function linkPoliceParents(
  tx: Tx,
  childId: string,
  merlinRef: string,
  otherPersons: OtherPerson[],
): Promise<number> {
  const parents = otherPersons.filter((p) => p.role === "PARENT");
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
  await linkMembers(tx, policeHouseholdRef(merlinRef), "POLICE", members);
  for (const h of childHouseholds) {
    if (!h.household.sourceRef.startsWith("EARLY_HELP:")) continue;
    await linkMembers(
      tx,
      h.household.sourceRef,
      "POLICE",
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
  parent: OtherPerson,
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
