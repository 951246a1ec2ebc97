// What Linux says about a process in /proc: its CPU time (/proc/<pid>/stat: utime + stime, every
// thread included, in clock ticks) and its resident memory (/proc/<pid>/status: VmRSS now, VmHWM
// the peak since it started). Read for the servers the bench runs as child processes, for the
// bench process itself, and (postgres-cpu.ts) for PostgreSQL's processes.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
export function statFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined; // exited (or never was)
  }
}

// after the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
export const STAT_PPID = 1;
export const STAT_UTIME = 11;
export const STAT_STIME = 12;
export const STAT_CUTIME = 13;
export const STAT_CSTIME = 14;

let ticks: number | undefined;

/** Clock ticks per second (`getconf CLK_TCK`, 100 on Linux). */
export function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** CPU milliseconds (user + system, all threads) a process has used so far; NaN once it is gone. */
export function cpuMs(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return NaN;
  return ((Number(fields[STAT_UTIME]) + Number(fields[STAT_STIME])) * 1000) / clockTicks();
}

export interface Memory {
  /** Resident now, in bytes. */
  rss: number;
  /** The highest resident size since the process started, in bytes. */
  hwm: number;
}

/** VmRSS and VmHWM of a process; undefined once it is gone. */
export function memory(pid: number): Memory | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1]);
  const rss = kb("VmRSS") * 1024;
  const hwm = kb("VmHWM") * 1024;
  return Number.isFinite(rss) ? { rss, hwm: Number.isFinite(hwm) ? hwm : rss } : undefined;
}

export const megabytes = (bytes: number) => Math.round(bytes / 1_048_576);
