// CPU time PostgreSQL spends, read from /proc: the postmaster and every process it started
// (backends, WAL writer, checkpointer…), user and system time, with the children it has already
// reaped (cutime, cstime) — so a backend that exits during a run is still counted. Works where
// the server runs on this machine under Linux; elsewhere `available` is false.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import pg from "pg";

export interface PostgresCpu {
  available: boolean;
  /** CPU milliseconds of the postmaster and all its processes so far. */
  sample(): number;
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined; // exited between listing and reading
  }
}

// after the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
const PPID = 1;
const TIMES = [11, 12, 13, 14] as const;

function clockTicks(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** The postmaster is the parent of the backend serving our own connection. */
async function findPostmaster(databaseUrl: string): Promise<number | undefined> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const backend = r.rows[0]?.pid;
    const fields = backend === undefined ? undefined : statFields(backend);
    return fields ? Number(fields[PPID]) : undefined;
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
        if (!fields || (pid !== postmaster && Number(fields[PPID]) !== postmaster)) continue;
        for (const i of TIMES) ticks += Number(fields[i]);
      }
      return ticks * msPerTick;
    },
  };
}
