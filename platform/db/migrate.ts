import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import pg from "pg";
import { currentRole, grantRuntimeRole } from "./roles.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface MigrationReport {
  /** The migrations this run applied, oldest first (empty when none was pending). */
  applied: string[];
  /** Every migration in prisma/migrations. */
  total: number;
}

/**
 * Applies every pending migration in prisma/migrations (prisma migrate deploy, offline engine).
 * A migration is pending when Prisma's `_prisma_migrations` table has no finished, not
 * rolled-back row for it; a failed one is pending, and `migrate deploy` reports it.
 */
export async function runMigrations(databaseUrl: string): Promise<MigrationReport> {
  const all = migrationNames();
  const done = await appliedMigrations(databaseUrl);
  const pending = all.filter((name) => !done.has(name));
  // Nothing to apply: skip starting Prisma's migration engine (seconds of CPU at every start).
  if (pending.length === 0) return { applied: [], total: all.length };
  const bin = path.join(root, "node_modules", ".bin", "prisma");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(bin, ["migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`)),
    );
  });
  return { applied: pending, total: all.length };
}

function migrationNames(): string[] {
  return readdirSync(path.join(root, "prisma", "migrations"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Names of the migrations already applied (none when Prisma's table does not exist yet). */
async function appliedMigrations(databaseUrl: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    return new Set(rows.map((r) => r.migration_name));
  } catch (error) {
    if ((error as { code?: string }).code === "42P01") return new Set(); // undefined_table
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Migrations as the owner role (DATABASE_OWNER_URL), then the runtime role's grants; with one
 * URL only, as that role (one role for everything, or a runtime role with nothing pending).
 */
export async function migrateDatabase(
  runtimeUrl: string,
  ownerUrl: string | undefined,
): Promise<MigrationReport> {
  const report = await runMigrations(ownerUrl ?? runtimeUrl);
  if (ownerUrl) await grantRuntimeRole(ownerUrl, await currentRole(runtimeUrl));
  return report;
}
