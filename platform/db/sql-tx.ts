// Raw SQL inside a transaction, whoever runs it: a Prisma transaction client, or a plain `pg`
// client (pgTx) on the hot paths, where Prisma's runtime costs about three times the statement.
// Code written against SqlTx (tagged templates built with Prisma.sql) runs on either. On `pg`,
// every statement is prepared once per connection (named by a hash of its text): the hot
// statements' shapes are fixed (arrays through unnest), so PostgreSQL plans each once.
import { createHash } from "node:crypto";
import type pg from "pg";
import { Prisma } from "./client.ts";
import { types } from "./sql.ts";

export interface SqlTx {
  $queryRaw<T = unknown>(
    query: TemplateStringsArray | Prisma.Sql,
    ...values: unknown[]
  ): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
}

const toSql = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Prisma.Sql =>
  query instanceof Prisma.Sql ? query : new Prisma.Sql(query, values);

const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `s${createHash("sha1").update(text).digest("base64url").slice(0, 20)}`;
    if (names.size < 5_000) names.set(text, name);
  }
  return name;
}

/** Statements with long VALUES lists vary in shape: those are not worth a prepared plan. */
const MAX_PREPARED_PARAMETERS = 64;

export async function query<R extends pg.QueryResultRow>(
  client: pg.ClientBase,
  sql: Prisma.Sql,
  named = true,
): Promise<pg.QueryResult<R>> {
  const prepared = named && sql.values.length <= MAX_PREPARED_PARAMETERS;
  return client.query<R>({
    text: sql.text,
    values: sql.values as unknown[],
    types,
    ...(prepared ? { name: statementName(sql.text) } : {}),
  });
}

/**
 * A SqlTx over a plain `pg` client already in a transaction. `named: false` on the embedded
 * database, whose connections share one backend session (platform/db/sql.ts).
 */
export function pgTx(client: pg.ClientBase, named = true): SqlTx {
  return {
    async $queryRaw<T>(q: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const result = await query(client, toSql(q, values), named);
      return result.rows as T;
    },
    async $executeRaw(q: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const result = await query(client, toSql(q, values), named);
      return result.rowCount ?? 0;
    },
  };
}

/**
 * Runs `work` in one transaction on a client of `pool`: COMMIT when it returns, ROLLBACK when it
 * throws (the error is rethrown). The client goes back to the pool either way, or is discarded
 * when the connection broke.
 */
export async function inPgTransaction<T>(
  { pool, named }: { pool: pg.Pool; named: boolean },
  work: (tx: SqlTx, client: pg.PoolClient) => Promise<T>,
  options: { memoryCosts?: boolean } = {},
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // a connection that breaks while held emits 'error': the statement in flight fails with it
  const onError = (e: Error) => {
    broken = e;
  };
  client.on("error", onError);
  try {
    // memoryCosts: an index probe costed as what it is on a database in memory or on SSD (1.1,
    // not the default 4 of a spinning disk): at 75,000 identifiers the default made a batch's
    // 1,200 lookups a sort of the whole table (0.9 s) instead of 1,200 probes (decision 69).
    // Plans are PostgreSQL's own choice (plan_cache_mode auto): a prepared statement's first five
    // executions on a connection are planned for their values, then its generic plan is kept if
    // it costs no more. The statistics keeper's ANALYZE of a table that grew re-plans every
    // cached statement that reads it, so a plan made while the table was small does not outlive
    // that (decision 77; decision 63 planned every execution before the keeper existed).
    await client.query(options.memoryCosts ? "BEGIN; SET LOCAL random_page_cost = 1.1" : "BEGIN");
    try {
      const result = await work(pgTx(client, named), client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((e: unknown) => {
        broken = e instanceof Error ? e : new Error(String(e));
      });
      throw error;
    }
  } catch (error) {
    broken ??= isConnectionError(error) ? (error as Error) : undefined;
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === "string" &&
    (code.startsWith("08") ||
      code.startsWith("57P") ||
      code === "ECONNRESET" ||
      code === "ECONNREFUSED")
  );
}
