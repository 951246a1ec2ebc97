// Children by NHS number, for the federation key `Child @key(fields: "nhsNumber")`: the hub's own
// NHS number links (agency null), as identity resolution made them. One query for all numbers.
import type { Db } from "#db/client.ts";

/** The number as the hub stores it: the ten digits, without the spaces of "943 476 5919". */
export const normaliseNhsNumber = (value: string): string => value.replace(/\s+/g, "");

/** Each known number (normalised) → the person it names; unknown numbers are absent. */
export async function childIdsByNhsNumber(
  db: Db,
  numbers: readonly string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(numbers.map(normaliseNhsNumber))].filter((n) => /^\d{10}$/.test(n));
  if (wanted.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ value: string; personId: string }>>`
    SELECT value, "personId"::text AS "personId" FROM "PersonIdentifier"
     WHERE kind = 'NHS_NUMBER' AND agency IS NULL AND value = ANY(${wanted}::text[])
     ORDER BY "createdAt" DESC`;
  // the oldest link wins if a number were ever linked twice (rows come newest first)
  return new Map(rows.map((r) => [r.value, r.personId]));
}
