// Finding 6: the audit chain could be rewritten by the table's owner (triggers disabled, rows
// deleted or edited, the unkeyed SHA-256 chain recomputed) and `npm run audit:verify` said
// "intact"; it could not check the embedded default at all. Now each event is an HMAC keyed
// with AUDIT_CHAIN_KEY, the head is anchored in a table the owner cannot touch, and the hub's
// runtime role does not own the audit table.
import { createHash } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { canonicalRow, GENESIS_HASH } from "#audit/chain-hash.ts";
import { createDb, type Db } from "#db/client.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { createChild } from "../access/fixtures.ts";
import { verifyAudit } from "./run-script.ts";

interface Row {
  seq: string;
  id: string;
  at: Date;
  personId: string | null;
  actor: string;
  role: string;
  purpose: string | null;
  legalBasis: string | null;
  disclosed: string[];
  withheld: string[];
  policyVersion: number;
  criteria: string[];
  resultCount: number | null;
  prevHash: string;
  hash: string;
}

/** The attacker's tool: recompute the chain the old way (SHA-256, no key) from `fromSeq` on. */
async function recomputeUnkeyed(c: pg.Client, fromSeq: string): Promise<void> {
  const { rows } = await c.query<Row>(`SELECT * FROM "AccessEvent" ORDER BY seq`);
  let prev = GENESIS_HASH;
  for (const r of rows) {
    if (BigInt(r.seq) >= BigInt(fromSeq)) {
      const hash = createHash("sha256")
        .update(prev + canonicalRow(r))
        .digest("hex");
      await c.query(`UPDATE "AccessEvent" SET "prevHash" = $1, hash = $2 WHERE id = $3`, [
        prev,
        hash,
        r.id,
      ]);
      prev = hash;
    } else {
      prev = r.hash;
    }
  }
}

async function asOwner<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // the owner may do this to its own table: no superuser needed
    await c.query(`ALTER TABLE "AccessEvent" DISABLE TRIGGER USER`);
    try {
      return await work(c);
    } finally {
      await c.query(`ALTER TABLE "AccessEvent" ENABLE TRIGGER USER`);
    }
  } finally {
    await c.end();
  }
}

describe("the audit chain on PostgreSQL", () => {
  let t: TestHub;
  let db: Db;
  let screener: string;
  let env: Record<string, string>;
  let original: Row[];

  const readAll = (c: pg.Client) =>
    c.query<Row>(`SELECT * FROM "AccessEvent" ORDER BY seq`).then((r) => r.rows);

  /** Puts every row back as it was (the test's undo, as the owner). */
  async function restore(): Promise<void> {
    await asOwner(t.db.ownerUrl, async (c) => {
      await c.query(`DELETE FROM "AccessEvent"`);
      for (const r of original) {
        await c.query(
          `INSERT INTO "AccessEvent" (seq, id, at, "personId", actor, role, purpose, "legalBasis",
             disclosed, withheld, "policyVersion", criteria, "resultCount", "prevHash", hash)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
          [
            r.seq,
            r.id,
            r.at,
            r.personId,
            r.actor,
            r.role,
            r.purpose,
            r.legalBasis,
            r.disclosed,
            r.withheld,
            r.policyVersion,
            r.criteria,
            r.resultCount,
            r.prevHash,
            r.hash,
          ],
        );
      }
    });
    expect((await verifyAudit(env)).code).toBe(0);
  }

  beforeAll(async () => {
    t = await startTestHub();
    db = createDb(t.db.url, 1);
    screener = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
    for (const tag of ["c1", "c2", "c3"]) {
      const id = await createChild(db, { consent: "given", related: false, tag });
      for (let i = 0; i < 3; i++) {
        const r = await t.gql(screener, "query ($id: ID!) { child(id: $id) { givenName } }", {
          id,
        });
        expect(r.errors).toBeUndefined();
      }
    }
    env = { DATABASE_URL: t.db.runtimeUrl, AUDIT_CHAIN_KEY: t.chainKey, NODE_ENV: "test" };
    const c = new pg.Client({ connectionString: t.db.url });
    await c.connect();
    original = await readAll(c);
    await c.end();
    expect(original.length).toBe(9);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.stop();
  });

  it("npm run audit:verify reports an untouched chain intact, up to its anchored head", async () => {
    const run = await verifyAudit(env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/audit chain intact: 9 access events verified/);
    expect(run.stdout).toContain(`anchored head at seq ${original.at(-1)?.seq}`);
  });

  it("the hub's runtime role does not own the access events: it cannot disable their triggers, change or delete them", async () => {
    const c = new pg.Client({ connectionString: t.db.runtimeUrl });
    await c.connect();
    try {
      const { rows } = await c.query<{ me: string; owner: string }>(
        `SELECT current_user AS me, tableowner AS owner FROM pg_tables WHERE tablename = 'AccessEvent'`,
      );
      expect(rows[0]?.owner).not.toBe(rows[0]?.me);
      await expect(c.query(`ALTER TABLE "AccessEvent" DISABLE TRIGGER USER`)).rejects.toThrow(
        /must be owner/,
      );
      await expect(c.query(`DELETE FROM "AccessEvent"`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`UPDATE "AccessEvent" SET actor = 'x'`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(c.query(`TRUNCATE "AccessEvent"`)).rejects.toThrow(/permission denied/);
    } finally {
      await c.end();
    }
  });

  it("the owner of the access events cannot move the anchored head", async () => {
    const c = new pg.Client({ connectionString: t.db.ownerUrl });
    await c.connect();
    try {
      await expect(
        c.query(`UPDATE audit_anchor.chain_head SET event_count = event_count - 1`),
      ).rejects.toThrow(/permission denied/);
      await expect(c.query(`DELETE FROM audit_anchor.chain_head`)).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await c.end();
    }
  });

  it("finds an event the owner edited (actor changed, a disclosed field removed) with the chain recomputed", async () => {
    const victim = original[3]!;
    await asOwner(t.db.ownerUrl, async (c) => {
      await c.query(
        `UPDATE "AccessEvent" SET actor = 'someone-else', disclosed = array_remove(disclosed, 'Child.givenName') WHERE id = $1`,
        [victim.id],
      );
      await recomputeUnkeyed(c, victim.seq);
    });
    const run = await verifyAudit(env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`HASH_MISMATCH at seq ${victim.seq}`));
    await restore();
  });

  it("finds an event the owner deleted, with or without the chain recomputed", async () => {
    const victim = original[4]!;
    const next = original[5]!;
    await asOwner(t.db.ownerUrl, (c) =>
      c.query(`DELETE FROM "AccessEvent" WHERE id = $1`, [victim.id]),
    );
    const plain = await verifyAudit(env);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(new RegExp(`BROKEN_LINK at seq ${next.seq}`));
    await asOwner(t.db.ownerUrl, (c) => recomputeUnkeyed(c, next.seq));
    const recomputed = await verifyAudit(env);
    expect(recomputed.code).toBe(1);
    expect(recomputed.stderr).toMatch(new RegExp(`HASH_MISMATCH at seq ${next.seq}`));
    await restore();
  });

  it("finds a truncated tail, and still finds it after the hub has written more events", async () => {
    const kept = original.slice(0, 6);
    await asOwner(t.db.ownerUrl, (c) =>
      c.query(`DELETE FROM "AccessEvent" WHERE seq > $1`, [kept.at(-1)?.seq]),
    );
    const run = await verifyAudit(env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/TRUNCATED: the anchored head \(event seq \d+\) is missing/);

    // the hub goes on: its next event links to the anchored head, which is gone
    const child = original[0]!.personId!;
    const r = await t.gql(screener, "query ($id: ID!) { child(id: $id) { familyName } }", {
      id: child,
    });
    expect(r.errors).toBeUndefined();
    const later = await verifyAudit(env);
    expect(later.code).toBe(1);
    expect(later.stderr).toMatch(/BROKEN_LINK/);
  });
});
