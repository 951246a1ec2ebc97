// Folds a provisional child into the child it turned out to be: every record moves (identifiers,
// agency records, household links, notifications, consents, assessments, inbound events), and the
// provisional person is marked MERGED with mergedIntoId. Runs inside the caller's transaction.
// Access events stay where they are: the audit trail is append-only and records what was seen then.
import type { Tx } from "#db/client.ts";
import type { AgencyTable } from "#connectors/shared/adapter.ts";
import { AGENCY_ADAPTERS } from "#connectors/registry.ts";

/** Each agency's tables, as its adapter in the connectors' registry declares them. */
const AGENCY_TABLES = AGENCY_ADAPTERS.flatMap((a): readonly AgencyTable[] => a.tables);

export interface MergeCounts {
  moved: Record<string, number>;
}

export async function mergePersons(tx: Tx, fromId: string, intoId: string): Promise<MergeCounts> {
  const moved: Record<string, number> = {};
  // Rows with a per-person unique key: move those that do not collide, drop the duplicates.
  const keyed: AgencyTable[] = [
    ...AGENCY_TABLES.filter((t) => t.personKey),
    { name: "HouseholdMember", personKey: ["householdId"] },
  ];
  for (const { name: table, personKey = [] } of keyed) {
    const same = personKey.map((k) => `q."${k}" = p."${k}"`).join(" AND ");
    moved[table] = await tx.$executeRawUnsafe(
      `UPDATE "${table}" p SET "personId" = $2::uuid WHERE p."personId" = $1::uuid
         AND NOT EXISTS (SELECT 1 FROM "${table}" q WHERE q."personId" = $2::uuid AND ${same})`,
      fromId,
      intoId,
    );
    await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "personId" = $1::uuid`, fromId);
  }
  for (const table of [
    ...AGENCY_TABLES.filter((t) => !t.personKey).map((t) => t.name),
    "MashNotification",
    "ConsentRecord",
    "RagAssessment",
    "InboundEvent",
  ]) {
    moved[table] = await tx.$executeRawUnsafe(
      `UPDATE "${table}" SET "personId" = $2::uuid WHERE "personId" = $1::uuid`,
      fromId,
      intoId,
    );
  }
  moved["PersonIdentifier"] = (
    await tx.personIdentifier.updateMany({
      where: { personId: fromId },
      data: { personId: intoId },
    })
  ).count;
  moved["SourcePull"] = await tx.$executeRawUnsafe(
    `DELETE FROM "SourcePull" WHERE "personId" = $1::uuid`,
    fromId,
  );
  await tx.person.update({
    where: { id: fromId },
    data: { status: "MERGED", mergedIntoId: intoId },
  });
  return { moved };
}
