// One agency record row written as a single raw INSERT … ON CONFLICT (key) DO UPDATE: the same
// effect as a Prisma upsert on that unique key, at about a third of its cost on the event path.
// Table and column names come from the adapters' code only, never from input.
import { randomUUID } from "node:crypto";
import { Prisma, type Tx } from "#db/client.ts";

export type Cast = "text" | "uuid" | "int" | "boolean" | "date" | "timestamptz" | "jsonb";
/**
 * [column, value, SQL type]; a null value is stored as NULL. An undefined value leaves the column
 * out: its default in a new row, unchanged in an existing one (a pull knows fewer columns than a
 * pushed event, and must not blank the others).
 */
export type Column = readonly [string, unknown, Cast];

function param([, value, cast]: Column): Prisma.Sql {
  let v: unknown = value;
  if (value instanceof Date)
    v = cast === "date" ? value.toISOString().slice(0, 10) : value.toISOString();
  else if (cast === "jsonb" && value !== null && value !== undefined) v = JSON.stringify(value);
  return Prisma.sql`${v ?? null}::${Prisma.raw(cast)}`;
}

const quoted = (name: string) => Prisma.raw(`"${name}"`);

/**
 * `linkEvent`: in the same statement, the inbound event that brought the record is linked to
 * the child (InboundEvent.personId), which saves the event path one more round trip. An update
 * never overwrites a row stored from a later event (by occurredAt, then the agency's eventId
 * when two say the same time): a change that arrives late (another partition, a replay) does
 * not undo a newer one, so the same events give the same rows whatever order they arrive in
 * (rag-rules.md version 2).
 */
export async function upsertRow(
  tx: Tx,
  table: string,
  key: readonly Column[],
  data: readonly Column[],
  linkEvent?: { inboundEventId: string; personId: string },
): Promise<void> {
  const set = data.filter(([, value]) => value !== undefined);
  const columns: Column[] = [["id", randomUUID(), "uuid"], ...key, ...set];
  const link = linkEvent
    ? Prisma.sql`WITH "linked" AS (
        UPDATE "InboundEvent" SET "personId" = ${linkEvent.personId}::uuid
        WHERE "id" = ${linkEvent.inboundEventId}::uuid)`
    : Prisma.empty;
  await tx.$executeRaw`
    ${link}
    INSERT INTO ${quoted(table)} (${Prisma.join(columns.map(([c]) => quoted(c)))})
    VALUES (${Prisma.join(columns.map(param))})
    ON CONFLICT (${Prisma.join(key.map(([c]) => quoted(c)))}) DO UPDATE SET ${Prisma.join(
      set.map(([c]) => Prisma.sql`${quoted(c)} = EXCLUDED.${quoted(c)}`),
    )}${
      linkEvent
        ? Prisma.sql`
    WHERE NOT EXISTS (SELECT 1 FROM "InboundEvent" "stored", "InboundEvent" "this"
                       WHERE "stored"."id" = ${quoted(table)}."eventId"
                         AND "this"."id" = ${linkEvent.inboundEventId}::uuid
                         AND ("stored"."occurredAt", "stored"."eventId") > ("this"."occurredAt", "this"."eventId"))`
        : Prisma.empty
    }`;
}
