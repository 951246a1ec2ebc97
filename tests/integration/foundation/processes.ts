// Real processes as a user starts them (`npm start`, `npm run seed`, …), for the tests of the
// hub's life cycle and of the command-line tools: each in a process group of its own, so that a
// test can signal the whole group (a terminal's Ctrl-C) or npm alone.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** A bare environment: nothing of the test run's (DATABASE_URL, KAFKA_BROKERS, NODE_OPTIONS). */
export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/tmp", ...extra };
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  /** The process group (the child's pid). */
  pgid: number;
  output(): { stdout: string; stderr: string };
  finished: Promise<Finished>;
}

export function startProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
): Running {
  const child = spawn(command, args, {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const finished = new Promise<Finished>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, pgid: child.pid ?? 0, output: () => ({ stdout, stderr }), finished };
}

/** Runs a command to its end. */
export function run(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<Finished> {
  return startProcess(command, args, env).finished;
}

/** `npm run --silent <script> -- <args>` (npm's own notices off, as a script would run it). */
export function npmRun(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<Finished> {
  return run("npm", ["run", "--silent", script, "--", ...args], env);
}

/** Non-empty lines. */
export const lines = (text: string) => text.split("\n").filter((l) => l.trim() !== "");

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

/** Whether something can bind the port now (as the hub does: every interface). */
export async function portIsFree(port: number): Promise<boolean> {
  const server = net.createServer();
  const bound = await new Promise<boolean>((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "0.0.0.0", () => resolve(true));
  });
  if (bound) await new Promise((resolve) => server.close(resolve));
  return bound;
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits for `check` to hold, polling; false when `ms` pass first. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms: number,
): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the hub answers /readyz (or its process ends, which fails the wait). */
export async function untilReady(p: Running, port: number, ms = 180_000): Promise<void> {
  let ended = false;
  void p.finished.then(() => (ended = true));
  const ready = await eventually(async () => {
    if (ended) return true;
    try {
      return (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
    } catch {
      return false;
    }
  }, ms);
  if (ended || !ready) {
    const { stdout, stderr } = p.output();
    throw new Error(
      `hub did not become ready${ended ? " (it exited)" : ""}:\n${stdout}\n${stderr}`,
    );
  }
}
