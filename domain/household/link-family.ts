// A family an agency names (an early help episode's family id): the child joins its household.
import type { SqlTx as Tx } from "#db/sql-tx.ts";
import type { AgencyName } from "#connectors/registry.ts";
import { linkMembers } from "./link-members.ts";
import { householdRef } from "./household-ref.ts";

export async function linkFamily(
  tx: Tx,
  source: AgencyName,
  childId: string,
  familyId: string,
): Promise<void> {
  await linkMembers(tx, householdRef(source, familyId), source, [
    { personId: childId, relationship: "CHILD" },
  ]);
}
