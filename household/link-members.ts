// Puts people into a household (made on first use from its source reference), idempotently.
import type { Tx } from "../db/client.ts";
import type { AgencyName } from "../auth/viewer.ts";

export type Relationship = "CHILD" | "PARENT" | "SIBLING" | "OTHER";

export async function linkMembers(
  tx: Tx,
  sourceRef: string,
  source: AgencyName,
  members: Array<{ personId: string; relationship: Relationship }>,
): Promise<string> {
  const household = await tx.household.upsert({
    where: { sourceRef },
    create: { sourceRef },
    update: {},
    select: { id: true },
  });
  await tx.householdMember.createMany({
    data: members.map((m) => ({ householdId: household.id, source, ...m })),
    skipDuplicates: true,
  });
  return household.id;
}
