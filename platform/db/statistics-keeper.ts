// Keeps the planner's table statistics up with tables that grow fast. A partnership's first
// load (every agency back-filling its history) fills tables from nothing to hundreds of
// thousands of rows in minutes; autovacuum analyses a table only after a naptime, throttled,
// and the batch statements of ingestion, planned on the statistics of a table a tenth of its
// size, turned index probes into whole-table sorts and scans (decision 69). Every few seconds
// this reads pg_stat_user_tables and ANALYZEs each table changed by more than `minRows` plus
// `fraction` of its size since it was last analysed, the rule autovacuum applies, without its
// wait. ANALYZE needs the table's owner, which the hub's runtime role is not: it calls the
// owner's `hub_analyze(regclass)` (a migration; granted to the runtime role after each
// migration), which analyses a table of the hub and nothing else. A role that may not call it
// leaves the keeper idle, said once. One hub at a time does the work (a session advisory lock);
// table names are all it logs.
import pg from "pg";
import type { Logger } from "#logging/logger.ts";
import type { Worker } from "#runtime/worker.ts";

export interface StatisticsKeeperOptions {
  /** The hub's database (its runtime role). */
  url: string;
  logger: Logger;
  intervalMs?: number;
  minRows?: number;
  fraction?: number;
}

/** Advisory-lock key of "analysing the hub's tables" (one hub at a time). */
const KEEPER_LOCK = 7_303;

export function createStatisticsKeeper(options: StatisticsKeeperOptions): Worker & {
  /** Analyses what is due now; answers the tables analysed. */
  runOnce(): Promise<string[]>;
} {
  const log = options.logger.child({ component: "statistics-keeper" });
  const intervalMs = options.intervalMs ?? 5_000;
  const minRows = options.minRows ?? 1_000;
  const fraction = options.fraction ?? 0.1;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let able = true;

  async function connect(): Promise<pg.Client> {
    if (client) return client;
    const c = new pg.Client({ connectionString: options.url });
    c.on("error", (err) => {
      log.warn({ err }, "statistics keeper connection lost");
      client = undefined;
    });
    await c.connect();
    const { rows } = await c.query<{ able: boolean }>(
      `SELECT coalesce(has_function_privilege(to_regprocedure('"hub_analyze"(regclass)'), 'EXECUTE'),
                       false) AS able`,
    );
    able = rows[0]?.able ?? false;
    if (!able) log.info("statistics keeper idle: this role may not call hub_analyze");
    client = c;
    return c;
  }

  async function runOnce(): Promise<string[]> {
    const c = await connect();
    if (!able) return [];
    const { rows: locked } = await c.query<{ ok: boolean }>(
      "SELECT pg_try_advisory_lock($1::int, 0) AS ok",
      [KEEPER_LOCK],
    );
    if (!locked[0]?.ok) return [];
    try {
      const { rows } = await c.query<{ name: string }>(
        `SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables
          WHERE schemaname = 'public'
            AND n_mod_since_analyze > $1::int + $2::float8 * greatest(n_live_tup - n_mod_since_analyze, 0)
          ORDER BY n_mod_since_analyze DESC`,
        [minRows, fraction],
      );
      for (const { name } of rows) {
        if (stopped) break;
        const started = Date.now();
        await c.query(`SELECT "hub_analyze"($1::regclass)`, [name]);
        log.debug({ table: name, ms: Date.now() - started }, "table analysed");
      }
      return rows.map((r) => r.name);
    } finally {
      await c.query("SELECT pg_advisory_unlock($1::int, 0)", [KEEPER_LOCK]);
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((err: unknown) => log.warn({ err }, "statistics keeper could not analyse"))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  }

  return {
    name: "statistics-keeper",
    runOnce,
    async start() {
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await client?.end().catch(() => undefined);
      client = undefined;
    },
    ready: () => true,
  };
}
