// The database client, created once per process by the composition root and passed down.
// Nothing imports a PrismaClient singleton. One pg pool serves Prisma (through its adapter),
// `db.sql` (the child view's and the audit's prepared statements, sql.ts) and ingestion's
// set-based transactions (`sqlPool(db)`, sql-tx.ts): one connection budget, and on the embedded
// default the one connection PGlite can serve.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";
import { createSql, type Sql } from "./sql.ts";

export type Db = PrismaClient & {
  /** Named prepared statements on the same pool, for the hot paths. */
  readonly sql: Sql;
};
/** A transaction client: what services take when they must write inside a caller's transaction. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export interface DbOptions {
  /** False for the embedded database (see createSql). Default true. */
  namedStatements?: boolean;
}

export interface SqlPool {
  pool: pg.Pool;
  /** Whether statements may be prepared under a name (not on the embedded database). */
  named: boolean;
}

const pools = new WeakMap<object, SqlPool>();

export function createDb(url: string, poolSize: number, options: DbOptions = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // an idle connection that drops is replaced on the next query; without a listener pg would
  // throw it out of the process (Prisma adds its own only once it connects)
  pool.on("error", () => undefined);
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const prisma = new PrismaClient({ adapter });
  const named = options.namedStatements ?? true;
  const db = Object.assign(prisma, { sql: createSql(pool, { named }) });
  pools.set(db, { pool, named });
  return db;
}

/** The pool under `db` (the hub's one connection budget), for plain `pg` on the hot paths. */
export function sqlPool(db: Db): SqlPool {
  const found = pools.get(db);
  if (!found) throw new Error("this database client was not made by createDb");
  return found;
}

export { Prisma } from "./generated/client.ts";
export type { Sql, Statement } from "./sql.ts";
/** The agencies the database can hold (prisma enum Agency). */
export type { Agency } from "./generated/enums.ts";
