// One process at a time on the embedded database's files: PGlite is an in-process PostgreSQL, so
// two processes opening one directory would each see (and write) their own copy. The owner writes
// `<DATA_DIR>/pglite.lock` with its pid; a lock whose process is gone is stale and taken over.
import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { OperatorError } from "#errors/operator-error.ts";

export interface DataDirLock {
  file: string;
  release(): void;
}

interface LockOwner {
  pid: number;
  owner: string;
  since: string;
}

/** Lock files this process holds (so its own pid in a lock file is not mistaken for a stale one). */
const held = new Set<string>();

/**
 * Takes the lock on `dataDir` for `owner` (a name for the message another process prints, e.g.
 * "the hub"), or throws an OperatorError naming the process that holds it.
 */
export function lockDataDir(dataDir: string, owner: string): DataDirLock {
  const file = path.resolve(dataDir, "pglite.lock");
  const mine: LockOwner = { pid: process.pid, owner, since: new Date().toISOString() };
  // Written whole to a file of our own, then linked into place: the lock never exists half-written.
  const draft = `${file}.${process.pid}`;
  writeFileSync(draft, JSON.stringify(mine) + "\n");
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 2) throw error;
      }
      const current = readOwner(file);
      if (current && isRunning(current.pid) && (current.pid !== process.pid || held.has(file))) {
        throw new OperatorError(
          `The embedded database in ${dataDir} is in use by ${current.owner} (pid ${current.pid}); ` +
            `stop it first, or set DATABASE_URL to use a PostgreSQL server`,
        );
      }
      removeIfPresent(file); // stale: its process is gone
    }
  } finally {
    removeIfPresent(draft);
  }
  held.add(file);
  const release = () => {
    if (!held.delete(file)) return;
    process.off("exit", release);
    if (readOwner(file)?.pid === process.pid) removeIfPresent(file);
  };
  process.on("exit", release); // an exit without stop() still leaves no lock behind
  return { file, release };
}

function readOwner(file: string): Pick<LockOwner, "pid" | "owner"> | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<LockOwner>;
    if (typeof parsed.pid !== "number") return undefined;
    return { pid: parsed.pid, owner: String(parsed.owner ?? "another process") };
  } catch {
    return undefined; // gone, or not a lock this code wrote: treated as stale
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function removeIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
