// An early help episode names the family: the child joins the household of that family id.
import type { Tx } from "#db/client.ts";
import { linkMembers } from "./link-members.ts";

export const earlyHelpHouseholdRef = (familyId: string) => `EARLY_HELP:${familyId}`;

export async function linkEarlyHelpFamily(
  tx: Tx,
  childId: string,
  familyId: string,
): Promise<void> {
  await linkMembers(tx, earlyHelpHouseholdRef(familyId), "EARLY_HELP", [
    { personId: childId, relationship: "CHILD" },
  ]);
}
