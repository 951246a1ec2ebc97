// The audit append in one statement (append-one-statement.ts): several writers — two hub
// replicas, each with its own pool and group-commit writer, and changes audited in their own
// transactions — append at once and the chain never forks; a writer whose idea of the head is
// stale inserts nothing; a failed append moves nothing and is refused to its callers.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "#db/client.ts";
import { createAuditWriter } from "#audit/audit-writer.ts";
import { appendAccessEventsInTx, type NewAccessEvent } from "#audit/append-access-events.ts";
import { appendOneStatement, readHead } from "#audit/append-one-statement.ts";
import { ensureAnchorTable } from "#audit/chain-anchor.ts";
import { verifyAccessChain } from "#audit/verify-chain.ts";
import { createTestDatabase, type TestDatabase } from "../../support/database.ts";
import { TEST_AUDIT_CHAIN_KEY as KEY } from "../../support/hub.ts";

const event = (actor: string, i: number): NewAccessEvent => ({
  personId: null,
  actor,
  role: "MASH_SCREENER",
  purpose: `request ${i}`,
  legalBasis: undefined,
  disclosed: ["Child.givenName", "Query.child"],
  withheld: [],
  policyVersion: 2,
});

describe("the audit append", () => {
  let database: TestDatabase;
  let replicaA: Db;
  let replicaB: Db;

  const count = (db: Db) => db.accessEvent.count();

  beforeAll(async () => {
    database = await createTestDatabase();
    replicaA = createDb(database.runtimeUrl, 3);
    replicaB = createDb(database.runtimeUrl, 3);
    await ensureAnchorTable(replicaA);
  });
  afterAll(async () => {
    await replicaA?.$disconnect();
    await replicaB?.$disconnect();
    await database?.drop();
  });

  it("two replicas and transactions appending at once make one chain, every event in it", async () => {
    const a = createAuditWriter(replicaA, KEY);
    const b = createAuditWriter(replicaB, KEY);
    const before = await count(replicaA);
    const appends: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      appends.push(a.append([event("replica-a", i)]));
      appends.push(b.append([event("replica-b", i), event("replica-b", i)]));
      if (i % 10 === 0) {
        // a consent change, audited in its own transaction, racing both writers
        appends.push(
          replicaB.$transaction((tx) => appendAccessEventsInTx(tx, KEY, [event("consent", i)])),
        );
      }
    }
    await Promise.all(appends);
    expect(await count(replicaA)).toBe(before + 60 + 120 + 6);
    const report = await verifyAccessChain(replicaA, KEY);
    expect(report).toMatchObject({ ok: true, checked: before + 186 });
    expect(report.ok && report.anchored?.count).toBe(String(before + 186));
    // no two events claim the same predecessor
    const forks = await replicaA.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM (SELECT "prevHash" FROM "AccessEvent" GROUP BY "prevHash"
                                 HAVING count(*) > 1) f`;
    expect(Number(forks[0]?.n)).toBe(0);
  });

  it("an append from a head another writer has moved on inserts nothing and names the head now", async () => {
    await createAuditWriter(replicaA, KEY).append([event("first", 0)]);
    const stale = await readHead(replicaA.sql);
    expect(stale).toBeDefined();
    await createAuditWriter(replicaB, KEY).append([event("other-replica", 0)]);
    const current = await readHead(replicaA.sql);
    const before = await count(replicaA);

    const outcome = await appendOneStatement(replicaA.sql, KEY, stale!, [event("late", 0)]);
    expect(outcome).toEqual({ appended: false, head: current });
    expect(await count(replicaA)).toBe(before);

    const retried = await appendOneStatement(replicaA.sql, KEY, current!, [event("late", 0)]);
    expect(retried.appended).toBe(true);
    expect(await count(replicaA)).toBe(before + 1);
    expect(await verifyAccessChain(replicaA, KEY)).toMatchObject({ ok: true });
  });

  it("an append that fails is refused to every caller in its batch and moves nothing; the next one chains on", async () => {
    const su = new pg.Client({ connectionString: database.url });
    await su.connect();
    await su.query(`CREATE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$`);
    await su.query(
      `CREATE TRIGGER refuse_insert BEFORE INSERT ON "AccessEvent" FOR EACH ROW EXECUTE FUNCTION refuse_insert()`,
    );
    const writer = createAuditWriter(replicaA, KEY);
    const head = await readHead(replicaA.sql);
    const before = await count(replicaA);
    try {
      const results = await Promise.allSettled([
        writer.append([event("refused", 1)]),
        writer.append([event("refused", 2)]),
      ]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
      expect(await readHead(replicaA.sql)).toEqual(head);
      expect(await count(replicaA)).toBe(before);
    } finally {
      await su.query(`DROP TRIGGER refuse_insert ON "AccessEvent"`);
      await su.end();
    }
    await writer.append([event("after", 3)]);
    expect(await count(replicaA)).toBe(before + 1);
    expect(await verifyAccessChain(replicaA, KEY)).toMatchObject({ ok: true });
  });

  it("appends queued behind one that fails go in after it, chained on the head it left", async () => {
    const su = new pg.Client({ connectionString: database.url });
    await su.connect();
    await su.query(`CREATE FUNCTION refuse_actor() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.actor = 'refused' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`);
    await su.query(
      `CREATE TRIGGER refuse_actor BEFORE INSERT ON "AccessEvent" FOR EACH ROW EXECUTE FUNCTION refuse_actor()`,
    );
    const writer = createAuditWriter(replicaA, KEY);
    try {
      await writer.append([event("warm-up", 0)]); // the writer now knows the head
      const before = await count(replicaA);
      // at once: the first is written alone, the others wait for it and then go in together
      const [first, second, third] = await Promise.allSettled([
        writer.append([event("refused", 1)]),
        writer.append([event("accepted", 2)]),
        writer.append([event("accepted", 3)]),
      ]);
      expect(first.status).toBe("rejected");
      expect(second.status).toBe("fulfilled");
      expect(third.status).toBe("fulfilled");
      expect(await count(replicaA)).toBe(before + 2);
      expect(await verifyAccessChain(replicaA, KEY)).toMatchObject({ ok: true });
    } finally {
      await su.query(`DROP TRIGGER refuse_actor ON "AccessEvent"`);
      await su.end();
    }
  });
});
