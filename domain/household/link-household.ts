// Applies what an agency's adapter says about the child's household, after its record is stored
// in the same transaction: the family it names, and the parents it names.
import type { Tx } from "#db/client.ts";
import type { AgencyAdapter } from "#connectors/shared/adapter.ts";
import { linkFamily } from "./link-family.ts";
import { linkParents } from "./link-parents.ts";

export async function linkHousehold(
  tx: Tx,
  adapter: AgencyAdapter,
  childId: string,
  payload: unknown,
): Promise<void> {
  const links = adapter.household;
  if (!links) return;
  const familyId = links.family?.(payload);
  if (familyId !== undefined) await linkFamily(tx, adapter.source, childId, familyId);
  const parents = links.parents?.(payload);
  if (parents) await linkParents(tx, adapter.source, childId, parents.reference, parents.adults);
}
