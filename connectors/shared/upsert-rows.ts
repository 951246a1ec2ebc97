// The pushed rows of a batch of events, written with one statement per table and column set:
// arrays through unnest (a fixed statement shape, prepared once per connection), INSERT … ON
// CONFLICT (key) DO UPDATE, with upsert-row.ts's rule that a row stored from a later event (by
// occurredAt, then the agency's eventId) is never overwritten by an earlier one. The caller
// makes sure no two rows of one call share a key (one statement cannot update a row twice).
// Table and column names come from the adapters' code only, never from input.
import { randomUUID } from "node:crypto";
import { Prisma } from "#db/client.ts";
import type { SqlTx } from "#db/sql-tx.ts";
import type { Column, RowWrite } from "./upsert-row.ts";

const quoted = (name: string) => Prisma.raw(`"${name}"`);

/** What a column's value is sent as, in its array (undefined: the column is left out). */
function arrayValue([, value, cast]: Column): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    return cast === "date" ? value.toISOString().slice(0, 10) : value.toISOString();
  }
  if (cast === "jsonb") return JSON.stringify(value);
  return value;
}

/** Rows of one table whose columns are the same: the unit of one statement. */
function signature(w: RowWrite): string {
  const names = (cs: readonly Column[]) =>
    cs.filter(([, v]) => v !== undefined).map(([c, , t]) => `${c}:${t}`);
  return `${w.table}|${names(w.key).join(",")}|${names(w.data).join(",")}`;
}

export async function upsertRows(tx: SqlTx, writes: readonly RowWrite[]): Promise<void> {
  const groups = new Map<string, RowWrite[]>();
  for (const w of writes) {
    const key = signature(w);
    const group = groups.get(key);
    if (group) group.push(w);
    else groups.set(key, [w]);
  }
  for (const group of groups.values()) await upsertGroup(tx, group);
}

async function upsertGroup(tx: SqlTx, rows: RowWrite[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const key = first.key.filter(([, v]) => v !== undefined);
  const set = first.data.filter(([, v]) => v !== undefined);
  const columns: Array<readonly [string, Column[2]]> = [
    ["id", "uuid"],
    ...key.map(([c, , t]) => [c, t] as const),
    ...set.map(([c, , t]) => [c, t] as const),
  ];
  const arrays = columns.map(([name]) =>
    rows.map((r) => {
      if (name === "id") return randomUUID();
      const col = r.key.find(([c]) => c === name) ?? r.data.find(([c]) => c === name);
      return col ? arrayValue(col) : null;
    }),
  );
  const unnest = Prisma.join(
    columns.map(([, cast], i) => Prisma.sql`${arrays[i]}::${Prisma.raw(cast)}[]`),
  );
  const table = quoted(first.table);
  const linksEvent = set.some(([c]) => c === "eventId");
  await tx.$executeRaw`
    INSERT INTO ${table} (${Prisma.join(columns.map(([c]) => quoted(c)))})
    SELECT * FROM unnest(${unnest})
    ON CONFLICT (${Prisma.join(key.map(([c]) => quoted(c)))}) DO UPDATE SET ${Prisma.join(
      set.map(([c]) => Prisma.sql`${quoted(c)} = EXCLUDED.${quoted(c)}`),
    )}${
      linksEvent
        ? Prisma.sql`
    WHERE NOT EXISTS (SELECT 1 FROM "InboundEvent" "stored", "InboundEvent" "this"
                       WHERE "stored"."id" = ${table}."eventId"
                         AND "this"."id" = EXCLUDED."eventId"
                         AND ("stored"."occurredAt", "stored"."eventId") > ("this"."occurredAt", "this"."eventId"))`
        : Prisma.empty
    }`;
}
