// Puts people into households (made on first use from their source reference), idempotently:
// one statement (the households' upsert and the members' inserts) for any number of them.
import type { SqlTx as Tx } from "#db/sql-tx.ts";
import type { AgencyName } from "#auth/viewer.ts";

export type Relationship = "CHILD" | "PARENT" | "SIBLING" | "OTHER";

export interface Member {
  /** The household's source reference (household-ref.ts). */
  ref: string;
  personId: string;
  relationship: Relationship;
  /** The agency that says so. */
  source: string;
}

/** People into one household. */
export async function linkMembers(
  tx: Tx,
  sourceRef: string,
  source: AgencyName,
  members: Array<{ personId: string; relationship: Relationship }>,
): Promise<void> {
  await linkMembersMany(
    tx,
    members.map((m) => ({ ref: sourceRef, source, ...m })),
  );
}

/**
 * Puts people into households (made on first use from their source reference), idempotently, in
 * one statement. A household another transaction made after the statement began is not seen by
 * it: those members are linked by a second statement, which sees it.
 */
export async function linkMembersMany(tx: Tx, members: readonly Member[]): Promise<void> {
  let pending = [...members];
  for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
    const found = await tx.$queryRaw<Array<{ ref: string }>>`
      WITH v AS (
        SELECT * FROM unnest(${pending.map((m) => m.ref)}::text[], ${pending.map((m) => m.personId)}::uuid[],
                             ${pending.map((m) => m.relationship)}::text[], ${pending.map((m) => m.source)}::text[])
          AS v(ref, person, rel, source)
      ), made AS (
        INSERT INTO "Household" ("id", "sourceRef")
        SELECT gen_random_uuid(), d.ref FROM (SELECT DISTINCT ref FROM v ORDER BY ref) d
        ON CONFLICT DO NOTHING
        RETURNING "id", "sourceRef"
      ), h AS (
        SELECT "id", "sourceRef" FROM made
        UNION ALL
        SELECT x."id", x."sourceRef" FROM "Household" x
         WHERE x."sourceRef" IN (SELECT ref FROM v) AND x."sourceRef" NOT IN (SELECT "sourceRef" FROM made)
      ), m AS (
        INSERT INTO "HouseholdMember" ("id", "householdId", "personId", "relationship", "source")
        SELECT gen_random_uuid(), h."id", v.person, v.rel, v.source::"Agency"
          FROM v JOIN h ON h."sourceRef" = v.ref
        ON CONFLICT DO NOTHING
      )
      SELECT DISTINCT "sourceRef" AS "ref" FROM h`;
    const seen = new Set(found.map((f) => f.ref));
    pending = pending.filter((m) => !seen.has(m.ref));
  }
  if (pending.length > 0) throw new Error("a household could be neither made nor found");
}
