// Plain `pg` for the hot paths (the child view's reads, the audit append): named prepared
// statements, parsed and planned once per connection instead of on every request, without
// Prisma's per-call query compilation. It shares the pool Prisma's adapter uses, so the hub holds
// no more connections than DATABASE_POOL_SIZE. Prisma stays for the schema, migrations and the
// cold paths.
import pg from "pg";

/** A statement with a name unique to its text: `<area>.<what>`, e.g. `child-view.person`. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

export interface Sql {
  /** Runs the statement (prepared on first use per connection) and returns its rows. */
  query<R>(statement: Statement, values: readonly unknown[]): Promise<R[]>;
}

const DATE_OID = 1082;
const INT8_OID = 20;

/**
 * Rows as Prisma's raw queries give them: a `date` is midnight UTC (pg's default is local
 * midnight), an int8 is a bigint. Everything else keeps pg's parsing (timestamptz as Date, json
 * parsed, text[] as arrays).
 */
export const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === DATE_OID) return (v: string) => new Date(`${v}T00:00:00Z`);
    if (oid === INT8_OID) return (v: string) => BigInt(v);
    return format === "binary"
      ? pg.types.getTypeParser(oid, "binary")
      : pg.types.getTypeParser(oid, "text");
  },
} as pg.CustomTypesConfig;

/**
 * `named: false` sends every statement unnamed. The embedded database (PGlite behind a socket)
 * runs all its connections in one backend session, so a statement prepared by one connection
 * is seen by the next one the pool opens, which would prepare it again and be refused.
 */
export function createSql(pool: pg.Pool, options: { named: boolean }): Sql {
  return {
    async query<R>(statement: Statement, values: readonly unknown[]): Promise<R[]> {
      const result = await pool.query({
        ...(options.named ? { name: statement.name } : {}),
        text: statement.text,
        values: [...values],
        types,
      });
      return result.rows as R[];
    },
  };
}
