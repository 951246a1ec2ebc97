// The shape of one agency record row as its table's writer stores it (upsert-rows.ts writes
// them). Table and column names come from the adapters' code only, never from input.

export type Cast = "text" | "uuid" | "int" | "boolean" | "date" | "timestamptz" | "jsonb";
/**
 * [column, value, SQL type]; a null value is stored as NULL. An undefined value leaves the column
 * out: its default in a new row, unchanged in an existing one (a pull knows fewer columns than a
 * pushed event, and must not blank the others).
 */
export type Column = readonly [string, unknown, Cast];

/** One agency record as its table's writer would store it: the unique key and the other columns. */
export interface RowWrite {
  table: string;
  key: readonly Column[];
  data: readonly Column[];
}
