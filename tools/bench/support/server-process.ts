// A server the bench measures, run as its own child process (`node --import tsx <entry>`), so
// that its memory and CPU are its own (proc.ts reads them by pid) and the load generator does
// not share its event loop. Every child started here is stopped when the bench stops: by the
// scenario (stop()), on the bench's exit (SIGKILL to any still running), on SIGINT or SIGTERM
// to the bench (SIGTERM to each, SIGKILL after a grace period, then the bench exits), and —
// should the bench itself be killed outright — by orphan-guard.ts inside the child, which stops
// it when the pipe on its stdin closes.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const guard = path.join(root, "tools/bench/support/orphan-guard.ts");

/** How much of a child's stderr is kept to explain a failure. */
const STDERR_TAIL = 8_000;
/** How long a child gets to exit after SIGTERM before SIGKILL. */
const DEFAULT_GRACE_MS = 30_000;
const INTERRUPT_GRACE_MS = 5_000;

export interface ServerProcess {
  name: string;
  pid: number;
  /** The exit code (or the signal's name) once the child has exited. */
  exited: Promise<number | string>;
  /** True while the child runs. */
  running(): boolean;
  /** Resolves with the first line on the child's stdout that matches; rejects if it exits first. */
  line(pattern: RegExp, limitMs: number): Promise<RegExpExecArray>;
  /** The end of what the child wrote on stderr (to explain a failure). */
  stderrTail(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after `graceMs`). Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();
let handlersInstalled = false;
/** Set on SIGINT or SIGTERM: the bench is stopping, and starts no more servers. */
let interrupted: NodeJS.Signals | undefined;

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", () => {
    for (const child of live) child.kill("SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      interrupted = signal;
      if (live.size === 0) process.exit(signal === "SIGINT" ? 130 : 143);
      process.stderr.write(`bench: ${signal}: stopping ${live.size} server process(es)\n`);
      for (const child of live) child.kill("SIGTERM");
      setTimeout(() => process.exit(signal === "SIGINT" ? 130 : 143), INTERRUPT_GRACE_MS);
      const poll = setInterval(() => {
        if (live.size === 0) process.exit(signal === "SIGINT" ? 130 : 143);
      }, 50);
      poll.unref();
    });
  }
}

let nodeFlags: string[] = [];

/** Node flags every server process is started with from now on (e.g. --cpu-prof). */
export function setServerNodeFlags(flags: string[]): void {
  nodeFlags = flags;
}

/**
 * Starts `node --import tsx <entry> ...args` from the repository root with exactly `env` (plus
 * PATH): nothing of the bench's own environment leaks into the server's configuration. The
 * child's stdout goes to the bench's stderr (the results table owns stdout), each line prefixed
 * with `name`, except a line `line()` waited for; its stderr goes there as it is.
 */
export function startServerProcess(
  name: string,
  entry: string,
  args: string[],
  env: Record<string, string>,
): ServerProcess {
  if (interrupted) throw new Error(`${name}: not started, the bench is stopping (${interrupted})`);
  installHandlers();
  const child = spawn(
    process.execPath,
    [...nodeFlags, "--import", "tsx", "--import", guard, entry, ...args],
    {
      cwd: root,
      env: { PATH: process.env["PATH"] ?? "", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  if (child.pid === undefined) throw new Error(`${name}: could not start ${entry}`);
  live.add(child);
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => {
      live.delete(child);
      resolve(code ?? signal ?? "unknown");
    }),
  );
  let tail = "";
  child.stderr?.on("data", (d: Buffer) => {
    process.stderr.write(d);
    tail = (tail + d.toString()).slice(-STDERR_TAIL);
  });
  // each waiter says whether the line was the one it waited for (then it is not forwarded)
  const waiting = new Set<(line: string) => boolean>();
  createInterface({ input: child.stdout! }).on("line", (line) => {
    let taken = false;
    for (const w of waiting) taken = w(line) || taken;
    if (!taken) process.stderr.write(`[${name}] ${line}\n`);
  });

  return {
    name,
    pid: child.pid,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    line(pattern, limitMs) {
      return new Promise((resolve, reject) => {
        const done = () => {
          waiting.delete(onLine);
          clearTimeout(timer);
        };
        const onLine = (line: string) => {
          const m = pattern.exec(line);
          if (!m) return false;
          done();
          resolve(m);
          return true;
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${name} printed nothing matching ${pattern} in ${limitMs} ms`));
        }, limitMs);
        waiting.add(onLine);
        void exited.then((code) => {
          done();
          reject(new Error(`${name} exited (${code}) before it was ready: ${tail.trim()}`));
        });
      });
    },
    stderrTail: () => tail,
    async stop(graceMs = DEFAULT_GRACE_MS) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
