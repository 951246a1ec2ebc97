// Two batches rating overlapping children must never wait for each other in a circle: PostgreSQL
// finds such a deadlock only after deadlock_timeout (1 s), with both partitions stalled. A batch
// waits only for rating locks after every one it holds; a child found later that sorts before
// them is only tried, and a busy one sends the batch round again at once (decision 75).
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createTestDatabase, type TestDatabase } from "../../support/database.ts";
import { createDb, sqlPool, type Db } from "#db/client.ts";
import { inPgTransaction, type SqlTx } from "#db/sql-tx.ts";
import { lockChildren, RatingLockBusy } from "#notifications/rate-child.ts";
import { isRaceError } from "#ingestion/retry-transaction.ts";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const C = "00000000-0000-4000-8000-00000000000c";

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.runtimeUrl, 4);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** A transaction that runs `first`, then waits for `go` before `then` and its commit. */
function holding(first: (tx: SqlTx) => Promise<void>, go: Promise<void>, then = first) {
  let started!: () => void;
  const ready = new Promise<void>((r) => (started = r));
  const done = inPgTransaction(sqlPool(db), async (tx) => {
    await first(tx);
    started();
    await go;
    await then(tx);
  });
  return { ready, done };
}

describe("rating locks", () => {
  it("refuses at once, as a race to run again, a lock that sorts before one the batch holds", async () => {
    let release!: () => void;
    const go = new Promise<void>((r) => (release = r));
    const other = holding((tx) => lockChildren(tx, [A]), go);
    await other.ready;
    const started = Date.now();
    const mine = inPgTransaction(sqlPool(db), async (tx) => {
      await lockChildren(tx, [B]);
      await lockChildren(tx, [A]); // a family member found after B: held by the other batch
    });
    const error = await mine.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RatingLockBusy);
    expect(isRaceError(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(900); // not PostgreSQL's deadlock detection
    release();
    await other.done;
  });

  it("waits for a lock that sorts after every one it holds, and has it once the other commits", async () => {
    let release!: () => void;
    const go = new Promise<void>((r) => (release = r));
    const other = holding((tx) => lockChildren(tx, [C]), go);
    await other.ready;
    let settled = false;
    const mine = inPgTransaction(sqlPool(db), async (tx) => {
      await lockChildren(tx, [B]);
      await lockChildren(tx, [C, B]); // B again is already this batch's
    }).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    release();
    await other.done;
    await expect(mine).resolves.toBeUndefined();
  });

  it("lets a late child that nobody holds be taken without waiting", async () => {
    await expect(
      inPgTransaction(sqlPool(db), async (tx) => {
        await lockChildren(tx, [C]);
        await lockChildren(tx, [A, B]);
      }),
    ).resolves.toBeUndefined();
  });
});
