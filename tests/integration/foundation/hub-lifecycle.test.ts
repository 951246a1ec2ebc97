// The embedded hub as a user runs it: `npm start` with no DATABASE_URL (PGlite under DATA_DIR),
// stopped by a signal to its whole process group (Ctrl-C in a terminal, a supervisor) or to npm
// alone, and what a second process on its port or its data directory is told.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import {
  cleanEnv,
  eventually,
  freePort,
  groupAlive,
  lines,
  npmRun,
  portIsFree,
  run,
  startProcess,
  untilReady,
  type Running,
} from "./processes.ts";

// The hub gives itself STOP_TIMEOUT_MS (4 s) before exiting regardless; this is only how long the
// test waits before calling the process hung.
const HUNG_AFTER_MS = 10_000;

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "mash-hub-"));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function npmStart(port: number): Promise<Running> {
  const hub = startProcess("npm", ["start"], cleanEnv({ DATA_DIR: dataDir, PORT: String(port) }));
  await untilReady(hub, port);
  return hub;
}

/** The hub entry point itself, quicker to start than npm (no prisma generate first). */
const hubProcess = (env: Record<string, string>) =>
  run(process.execPath, ["--import", "tsx", "server/main.ts"], cleanEnv(env));

describe("npm start on the embedded database", () => {
  let port: number;
  let hub: Running;
  beforeAll(async () => {
    port = await freePort();
    hub = await npmStart(port);
  }, 240_000);
  afterAll(() => {
    if (groupAlive(hub.pgid)) process.kill(-hub.pgid, "SIGKILL");
  });

  it("refuses a second hub on the same data directory with one line naming the first", async () => {
    const second = await hubProcess({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(second.code).toBe(1);
    expect(second.stdout).toBe("");
    expect(lines(second.stderr)).toHaveLength(1);
    expect(second.stderr).toMatch(/^The embedded database in .* is in use by the hub \(pid \d+\)/);
  });

  it("refuses npm run seed on the same data directory with one line", async () => {
    const seed = await npmRun("seed", ["--children", "3"], cleanEnv({ DATA_DIR: dataDir }));
    expect(seed.code).toBe(1);
    expect(lines(seed.stderr)).toHaveLength(1);
    expect(seed.stderr).toMatch(/^seed: The embedded database in .* is in use by the hub/);
  });

  it("tells a second hub on the same port so in one line, without a stack trace", async () => {
    const other = mkdtempSync(path.join(tmpdir(), "mash-hub-other-"));
    try {
      const second = await hubProcess({ DATA_DIR: other, PORT: String(port) });
      expect(second.code).toBe(1);
      expect(second.stdout).toBe("");
      expect(lines(second.stderr)).toEqual([
        `Port ${port} is already in use (is another hub running?); stop it or set PORT to a free port`,
      ]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("stops cleanly on SIGTERM to its whole process group and frees port and data directory", async () => {
    process.kill(-hub.pgid, "SIGTERM");
    expect(await eventually(() => !groupAlive(hub.pgid), HUNG_AFTER_MS)).toBe(true);
    const result = await hub.finished;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"msg":"hub stopped"');
    expect(await portIsFree(port)).toBe(true);
    expect(existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
  });
});

describe("npm start stopped by a signal to npm alone", () => {
  it("stops the hub too (no orphan on the port)", async () => {
    const port = await freePort();
    const hub = await npmStart(port);
    try {
      process.kill(hub.pgid, "SIGTERM"); // npm's pid, not the group
      expect(await eventually(() => !groupAlive(hub.pgid), HUNG_AFTER_MS)).toBe(true);
      const result = await hub.finished;
      expect(result.stdout).toContain('"msg":"hub stopped"');
      expect(await portIsFree(port)).toBe(true);
    } finally {
      if (groupAlive(hub.pgid)) process.kill(-hub.pgid, "SIGKILL");
    }
  }, 240_000);
});
