// The command-line tools as a user runs them (`npm run --silent <tool> -- …`): --help, an unknown
// option, and what migrate and a second seed say.
import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createTestDatabase, type TestDatabase } from "../../support/database.ts";
import { cleanEnv, lines, npmRun, root } from "./processes.ts";

const tools: Array<[tool: string, options: string[]]> = [
  ["seed", ["--children", "--seed"]],
  ["token", ["--role", "--sub", "--agency", "--expires"]],
  ["migrate", []],
  ["bench", ["--only"]],
  ["audit:verify", []],
];

describe("every command-line tool", () => {
  it.each(tools)("npm run %s -- --help says how to use it and exits 0", async (tool, options) => {
    const result = await npmRun(tool, ["--help"], cleanEnv({}));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(new RegExp(`^Usage: npm run ${tool} --`));
    for (const option of [...options, "--help"]) expect(result.stdout).toContain(option);
  });

  it.each(tools)("npm run %s refuses an unknown option in one line", async (tool) => {
    const result = await npmRun(tool, ["--no-such-option"], cleanEnv({}));
    expect(result.code).toBe(64);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toEqual([
      `${tool}: unknown option --no-such-option (see npm run ${tool} -- --help)`,
    ]);
  });
});

describe("npm run migrate", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    await client.end();
  });
  afterAll(async () => db?.drop());

  it("lists the migrations it applied, then says that nothing is pending", async () => {
    const migrations = readdirSync(path.join(root, "prisma/migrations"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const first = await npmRun("migrate", [], cleanEnv({ DATABASE_URL: db.url }));
    expect(first.code).toBe(0);
    const [heading, ...applied] = lines(first.stdout);
    expect(heading).toMatch(
      new RegExp(`^migrate: applied ${migrations.length} of ${migrations.length} migrations to `),
    );
    expect(heading).toContain(db.name);
    expect(applied.map((l) => l.trim())).toEqual(migrations);

    const second = await npmRun("migrate", [], cleanEnv({ DATABASE_URL: db.url }));
    expect(second.code).toBe(0);
    expect(lines(second.stdout)).toHaveLength(1);
    expect(second.stdout).toMatch(/^migrate: nothing pending; .* is up to date/);
  });
});

describe("npm run seed twice", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  it("seeds once, then says in one line that the database is seeded and how to start again", async () => {
    const env = cleanEnv({ DATABASE_URL: db.url });
    const first = await npmRun("seed", ["--children", "5"], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^seed: 5 children \(seed 1\) written to /);

    const second = await npmRun("seed", ["--children", "5"], env);
    expect(second.code).toBe(1);
    expect(lines(second.stderr)).toHaveLength(1);
    expect(second.stderr).toMatch(/^seed: .* already holds \d+ people; .* to start again, /);
    expect(second.stderr).not.toContain("duplicate key");
  });
});
