// Finding 6, on the embedded default: `npm run audit:verify` with no DATABASE_URL checks the
// embedded PostgreSQL under DATA_DIR — through the running hub's socket while a hub holds it,
// by opening its files when none does — and finds an edited, a deleted and a truncated chain.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { loadConfig } from "#config/index.ts";
import { createLogger } from "#logging/logger.ts";
import { signDevelopmentToken } from "#auth/sign-token.ts";
import { startEmbeddedPostgres } from "#db/embedded.ts";
import { startHub, type Hub } from "#server/app.ts";
import { TEST_AUDIT_CHAIN_KEY, TEST_JWT_SECRET } from "../../support/hub.ts";
import { verifyAudit } from "./run-script.ts";

const example = readFileSync(
  path.resolve(import.meta.dirname, "../../fixtures/contract-examples/valid-police-merlin.json"),
);

/** Opens the (stopped) hub's files, as someone with access to them would, and changes them. */
async function tamper(dataDir: string, sql: string): Promise<void> {
  const embedded = await startEmbeddedPostgres(dataDir, "the audit-chain test");
  const c = new pg.Client({ connectionString: embedded.url });
  await c.connect();
  try {
    await c.query("SET session_replication_role = replica"); // triggers off
    await c.query(sql);
  } finally {
    await c.end();
    await embedded.stop();
  }
}

describe("the audit chain on the embedded database", () => {
  let dataDir: string;
  let hub: Hub | undefined;
  let env: Record<string, string>;
  let seqs: string[];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "mash-embedded-"));
    const config = loadConfig({
      NODE_ENV: "test",
      PORT: "0",
      DATA_DIR: dataDir,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      AUDIT_CHAIN_KEY: TEST_AUDIT_CHAIN_KEY,
    });
    hub = await startHub(config, createLogger("silent"));
    const agency = await signDevelopmentToken(TEST_JWT_SECRET, {
      sub: "merlin",
      role: "AGENCY_SYSTEM",
      agency: "POLICE",
    });
    const submitted = (await (
      await fetch(`${hub.url}/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${agency}`, "content-type": "application/json" },
        body: example,
      })
    ).json()) as { childId: string };
    const screener = await signDevelopmentToken(TEST_JWT_SECRET, {
      sub: "s1",
      role: "MASH_SCREENER",
    });
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${hub.url}/graphql`, {
        method: "POST",
        headers: { authorization: `Bearer ${screener}`, "content-type": "application/json" },
        body: JSON.stringify({
          query: "query ($id: ID!) { child(id: $id) { givenName } }",
          variables: { id: submitted.childId },
        }),
      });
      expect(res.status).toBe(200);
    }
    env = { DATA_DIR: dataDir, AUDIT_CHAIN_KEY: TEST_AUDIT_CHAIN_KEY, NODE_ENV: "test" };
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("while the hub runs, verify talks to where its embedded database listens, and finds an edit", async () => {
    const intact = await verifyAudit(env);
    expect(intact.stderr).toMatch(/checking the embedded database of the hub/);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/audit chain intact: 6 access events verified/);

    const where = JSON.parse(readFileSync(path.join(dataDir, "embedded-db.json"), "utf8")) as {
      url: string;
    };
    const c = new pg.Client({ connectionString: where.url });
    await c.connect();
    const rows = (await c.query<{ seq: string }>(`SELECT seq FROM "AccessEvent" ORDER BY seq`))
      .rows;
    seqs = rows.map((r) => String(r.seq));
    await c.query("SET session_replication_role = replica");
    await c.query(`UPDATE "AccessEvent" SET withheld = '{Child.givenName}' WHERE seq = $1`, [
      seqs[1],
    ]);
    await c.end();
    const edited = await verifyAudit(env);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(new RegExp(`HASH_MISMATCH at seq ${seqs[1]}`));
  }, 120_000);

  it("with the hub stopped, verify opens the data directory and finds a deleted and a truncated chain", async () => {
    await hub?.stop();
    hub = undefined;
    await tamper(dataDir, `UPDATE "AccessEvent" SET withheld = '{}' WHERE seq = ${seqs[1]}`);
    const repaired = await verifyAudit(env);
    expect(repaired.stderr).toMatch(/checking the embedded database under/);
    expect(repaired.code).toBe(0);

    await tamper(dataDir, `DELETE FROM "AccessEvent" WHERE seq IN (${seqs[4]}, ${seqs[5]})`);
    const truncated = await verifyAudit(env);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toMatch(/TRUNCATED/);

    await tamper(dataDir, `DELETE FROM "AccessEvent" WHERE seq = ${seqs[2]}`);
    const deleted = await verifyAudit(env);
    expect(deleted.code).toBe(1);
    expect(deleted.stderr).toMatch(new RegExp(`BROKEN_LINK at seq ${seqs[3]}`));
  }, 180_000);
});
