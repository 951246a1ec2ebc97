// A referral about a child an agency's batch is making at that moment must not make a second
// child: resolving the referral's subject takes the same identity block locks as the batch, so
// it waits for the batch to commit and then finds the batch's child (decision 72).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { sqlPool } from "#db/client.ts";
import { inPgTransaction } from "#db/sql-tx.ts";
import { resolveBatch } from "#identity/resolve-batch.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { newChild } from "../notifications/helpers.ts";
import { SUBMIT_REFERRAL, referralInput } from "./helpers.ts";

interface Submitted {
  submitReferral: { accepted: boolean; notificationId: string | null } | null;
}

describe("a referral while a batch makes the same child", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t?.stop());

  it("waits for the batch and is linked to its child, not a second one", async () => {
    const child = newChild("2018-06-11");
    const subject = { ...child, postcode: "E1 6AN" };
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let made: string | undefined;
    // the batch: makes the child inside a transaction it keeps open until released
    const batch = inPgTransaction(sqlPool(t.hub.services.db), async (tx) => {
      const [resolution] = await resolveBatch(tx, [
        { source: "POLICE", subject: { sourcePersonId: `M-${child.nhsNumber}`, ...subject } },
      ]);
      made = resolution!.personId;
      await held;
    });
    while (!made) await new Promise((r) => setTimeout(r, 10));

    // the referral names the child without an NHS number: only the demographics can find it
    const school = await t.token({
      sub: "hill-primary",
      role: "AGENCY_SYSTEM",
      agency: "EDUCATION",
    });
    const input = referralInput(child);
    input["subject"] = { ...subject, nhsNumber: null };
    let settled = false;
    const referral = t.gql<Submitted>(school, SUBMIT_REFERRAL, { input }).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 700));
    expect(settled).toBe(false); // waiting for the batch's block locks

    release();
    await batch;
    const res = await referral;
    expect(res.errors).toBeUndefined();
    const notificationId = res.data!.submitReferral!.notificationId!;
    const db = new pg.Client({ connectionString: t.db.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ personId: string }>(
        `SELECT "personId"::text AS "personId" FROM "MashNotification" WHERE id = $1`,
        [notificationId],
      );
      expect(rows[0]?.personId).toBe(made);
      const children = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM "Person" WHERE "familyName" = $1`,
        [child.familyName],
      );
      expect(Number(children.rows[0]?.n)).toBe(1);
    } finally {
      await db.end();
    }
  });
});
