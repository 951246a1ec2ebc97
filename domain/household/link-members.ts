// Puts people into a household (made on first use from its source reference), idempotently.
// One raw statement (the household upsert and the members' inserts): it runs for many events.
import { randomUUID } from "node:crypto";
import { Prisma, type Tx } from "#db/client.ts";
import type { AgencyName } from "#auth/viewer.ts";

export type Relationship = "CHILD" | "PARENT" | "SIBLING" | "OTHER";

export async function linkMembers(
  tx: Tx,
  sourceRef: string,
  source: AgencyName,
  members: Array<{ personId: string; relationship: Relationship }>,
): Promise<string> {
  const rows =
    members.length > 0
      ? Prisma.join(
          members.map(
            (m) =>
              Prisma.sql`(${randomUUID()}::uuid, ${m.personId}::uuid, ${m.relationship}::text)`,
          ),
        )
      : undefined;
  const [household] = await tx.$queryRaw<Array<{ id: string }>>`
    WITH made AS (
      INSERT INTO "Household" ("id", "sourceRef") VALUES (${randomUUID()}::uuid, ${sourceRef})
      ON CONFLICT DO NOTHING
      RETURNING "id"
    ), h AS (
      SELECT "id" FROM made
      UNION ALL
      SELECT "id" FROM "Household"
      WHERE "sourceRef" = ${sourceRef} AND NOT EXISTS (SELECT 1 FROM made)
    )${
      rows
        ? Prisma.sql`, m AS (
      INSERT INTO "HouseholdMember" ("id", "householdId", "personId", "relationship", "source")
      SELECT v."id", h."id", v."personId", v."relationship", ${source}::"Agency"
      FROM h, (VALUES ${rows}) AS v("id", "personId", "relationship")
      ON CONFLICT DO NOTHING
    )`
        : Prisma.empty
    }
    SELECT "id"::text AS "id" FROM h`;
  // Made by a transaction that committed after this statement began: the next statement sees it.
  if (!household) return linkMembers(tx, sourceRef, source, members);
  return household.id;
}
