// CPU time PostgreSQL spends, read from /proc: the postmaster and every process it started
// (backends, WAL writer, checkpointer…), user and system time, with the children it has already
// reaped (cutime, cstime) — so a backend that exits during a run is still counted. Works where
// the server runs on this machine under Linux; elsewhere `available` is false.
import { readdirSync } from "node:fs";
import pg from "pg";
import {
  clockTicks,
  statFields,
  STAT_CSTIME,
  STAT_CUTIME,
  STAT_PPID,
  STAT_STIME,
  STAT_UTIME,
} from "./proc.ts";

export interface PostgresCpu {
  available: boolean;
  /** CPU milliseconds of the postmaster and all its processes so far. */
  sample(): number;
}

const TIMES = [STAT_UTIME, STAT_STIME, STAT_CUTIME, STAT_CSTIME] as const;

/** The postmaster is the parent of the backend serving our own connection. */
async function findPostmaster(databaseUrl: string): Promise<number | undefined> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const backend = r.rows[0]?.pid;
    const fields = backend === undefined ? undefined : statFields(backend);
    return fields ? Number(fields[STAT_PPID]) : undefined;
  } finally {
    await c.end();
  }
}

export async function postgresCpu(databaseUrl: string): Promise<PostgresCpu> {
  const postmaster = await findPostmaster(databaseUrl).catch(() => undefined);
  if (!postmaster || !statFields(postmaster)) return { available: false, sample: () => NaN };
  const msPerTick = 1000 / clockTicks();
  return {
    available: true,
    sample() {
      let ticks = 0;
      for (const name of readdirSync("/proc")) {
        if (!/^\d+$/.test(name)) continue;
        const pid = Number(name);
        const fields = statFields(pid);
        if (!fields || (pid !== postmaster && Number(fields[STAT_PPID]) !== postmaster)) continue;
        for (const i of TIMES) ticks += Number(fields[i]);
      }
      return ticks * msPerTick;
    },
  };
}
