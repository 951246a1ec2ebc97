import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { lockDataDir } from "#db/data-dir-lock.ts";
import { OperatorError } from "#errors/operator-error.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "mash-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockFile = () => path.join(dir, "pglite.lock");

describe("the embedded data directory's lock", () => {
  it("names its owner and pid in the lock file, and removes it on release", () => {
    const lock = lockDataDir(dir, "the hub");
    expect(JSON.parse(readFileSync(lockFile(), "utf8"))).toMatchObject({
      pid: process.pid,
      owner: "the hub",
    });
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it("refuses a second opening while held, naming the holder, then allows one after release", () => {
    const lock = lockDataDir(dir, "the hub");
    let refusal: unknown;
    try {
      lockDataDir(dir, "npm run seed");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(OperatorError);
    expect((refusal as Error).message).toContain(`in use by the hub (pid ${process.pid})`);
    lock.release();
    lockDataDir(dir, "npm run seed").release();
  });

  it("takes over a lock whose process is gone", () => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(lockFile(), JSON.stringify({ pid: gone, owner: "the hub" }));
    const lock = lockDataDir(dir, "npm run migrate");
    expect(JSON.parse(readFileSync(lockFile(), "utf8"))).toMatchObject({
      pid: process.pid,
      owner: "npm run migrate",
    });
    lock.release();
  });

  it("takes over a lock file it cannot read", () => {
    writeFileSync(lockFile(), "not a lock");
    lockDataDir(dir, "the hub").release();
    expect(existsSync(lockFile())).toBe(false);
  });
});
