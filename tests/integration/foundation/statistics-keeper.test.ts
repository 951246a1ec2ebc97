// The statistics keeper (platform/db/statistics-keeper.ts): a table that grew past the threshold
// since it was last analysed is analysed — the planner then knows its size — by the hub's runtime
// role, which owns no table, through the owner's hub_analyze; a table that did not grow is left
// alone; a role that may not call hub_analyze analyses nothing, and hub_analyze analyses nothing
// but the hub's own tables.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createStatisticsKeeper } from "#db/statistics-keeper.ts";
import { createLogger } from "#logging/logger.ts";
import { createTestDatabase, type TestDatabase } from "../../support/database.ts";
import { DEFAULT_ROLES } from "#scripts/database-roles.ts";

const logger = createLogger("silent");

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** What the planner believes the table holds (pg_class.reltuples; -1 = never analysed). */
const plannerRows = (url: string, table: string) =>
  withClient(url, async (c) =>
    Number(
      (
        await c.query<{ n: string }>(
          `SELECT reltuples::text AS n FROM pg_class WHERE oid = $1::regclass`,
          [`"${table}"`],
        )
      ).rows[0]?.n,
    ),
  );

/** Waits until the statistics collector has counted the inserts (it is flushed asynchronously). */
async function untilCounted(url: string, table: string, rows: number) {
  for (let i = 0; i < 100; i++) {
    const n = await withClient(url, async (c) =>
      Number(
        (
          await c.query<{ n: string }>(
            `SELECT n_mod_since_analyze::text AS n FROM pg_stat_user_tables WHERE relname = $1`,
            [table],
          )
        ).rows[0]?.n ?? 0,
      ),
    );
    if (n >= rows) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the statistics never counted ${rows} changes to ${table}`);
}

describe("the statistics keeper", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    // autovacuum would analyse it too, in its own time: not in this test
    await withClient(database.ownerUrl, (c) =>
      c.query(`ALTER TABLE "Household" SET (autovacuum_enabled = false)`),
    );
    await withClient(database.ownerUrl, (c) =>
      c.query(`INSERT INTO "Household" ("id", "sourceRef")
               SELECT gen_random_uuid(), 'EARLY_HELP:fam-' || g FROM generate_series(1, 3000) g`),
    );
    await untilCounted(database.url, "Household", 3000);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("does nothing as a role that may not call hub_analyze", async () => {
    await withClient(database.url, (c) =>
      c.query(`REVOKE EXECUTE ON FUNCTION "hub_analyze"(regclass) FROM ${DEFAULT_ROLES.runtime}`),
    );
    const keeper = createStatisticsKeeper({ url: database.runtimeUrl, logger, minRows: 500 });
    try {
      expect(await keeper.runOnce()).toEqual([]);
    } finally {
      await keeper.stop();
      await withClient(database.url, (c) =>
        c.query(`GRANT EXECUTE ON FUNCTION "hub_analyze"(regclass) TO ${DEFAULT_ROLES.runtime}`),
      );
    }
    expect(await plannerRows(database.url, "Household")).toBeLessThan(3000);
  });

  it("analyses, as the runtime role, a table grown past the threshold, once, and leaves the others", async () => {
    const keeper = createStatisticsKeeper({ url: database.runtimeUrl, logger, minRows: 500 });
    try {
      const first = await keeper.runOnce();
      expect(first).toContain('public."Household"');
      expect(first).not.toContain('public."CpisPlan"');
      expect(await plannerRows(database.url, "Household")).toBe(3000);
      expect(await keeper.runOnce()).not.toContain('public."Household"');
    } finally {
      await keeper.stop();
    }
  });

  it("lends the runtime role ANALYZE on the hub's tables only", async () => {
    await expect(
      withClient(database.runtimeUrl, (c) => c.query(`SELECT "hub_analyze"('pg_class'::regclass)`)),
    ).rejects.toThrow(/not a table of the hub/);
  });
});
