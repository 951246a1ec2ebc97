// Finding 15: rejected events kept personal data forever, and no MASH manager could review,
// replay or discard them. Now they are purged after REJECTED_EVENT_RETENTION_DAYS; a MASH
// manager lists them (reason and issues), reads the raw content only for a stated purpose that
// is audited, replays one once it is fixed, or discards it — both audited.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "#db/client.ts";
import { verifyAccessChain } from "#audit/verify-chain.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { createTestDatabase, type TestDatabase } from "../../support/database.ts";
import { waitUntil } from "../ingestion/kafka-helpers.ts";

const example = readFileSync(
  path.resolve(import.meta.dirname, "../../fixtures/contract-examples/valid-police-merlin.json"),
  "utf8",
);
const PURPOSE = "Checking why the police feed refused this notification";
const LIST = `{ rejectedEvents(first: 10) { edges { id via agency reason issues { path message } sizeBytes rejectedAt expiresAt } } }`;
const RAW = `query ($purpose: String!) { rejectedEvents { edges { id rawContent(purpose: $purpose) } } }`;
const REPLAY = `mutation ($id: ID!, $event: JSON, $purpose: String!) {
  replayRejectedEvent(id: $id, event: $event, purpose: $purpose) { rejectedEventId replayed eventId childId duplicate issues { path message } } }`;
const DISCARD = `mutation ($id: ID!, $purpose: String!) { discardRejectedEvent(id: $id, purpose: $purpose) { rejectedEventId discarded } }`;

interface Listed {
  rejectedEvents: {
    edges: Array<{ id: string; reason: string; agency: string; issues: Array<{ path: string }> }>;
  };
}

describe("rejected events", () => {
  let database: TestDatabase;
  let t: TestHub;
  let db: Db;
  let manager: string;
  let police: string;
  const bad = (eventId: string) => {
    const e = JSON.parse(example) as { eventId: string; payload: { riskLevel: string } };
    e.eventId = eventId;
    e.payload.riskLevel = "EXTREME";
    return e;
  };
  const submit = (event: unknown) =>
    fetch(`${t.url}/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${police}`, "content-type": "application/json" },
      body: JSON.stringify(event),
    });
  const idOf = async (eventId: string) => {
    const rows = await db.$queryRaw<Array<{ id: string }>>`
      SELECT id::text FROM "RejectedEvent" WHERE convert_from("rawBytes", 'UTF8') LIKE ${`%${eventId}%`}`;
    return rows[0]?.id;
  };

  beforeAll(async () => {
    // one rejected event older than the retention period, one fresh, before the hub starts
    database = await createTestDatabase();
    const su = new pg.Client({ connectionString: database.url });
    await su.connect();
    for (const [tag, daysAgo] of [
      ["old", 31],
      ["fresh", 29],
    ] as const) {
      await su.query(
        `INSERT INTO "RejectedEvent" (id, via, "rawBytes", reason, issues, "rejectedAt")
         VALUES (gen_random_uuid(), 'API', $1, 'INVALID', '[]', now() - make_interval(days => $2))`,
        [Buffer.from(`{"eventId":"${tag}"}`), daysAgo],
      );
    }
    await su.end();
    t = await startTestHub({ database, env: { REJECTED_EVENT_RETENTION_DAYS: "30" } });
    db = createDb(database.url, 1);
    manager = await t.token({ sub: "manager-1", role: "MASH_MANAGER" });
    police = await t.token({ sub: "merlin", role: "AGENCY_SYSTEM", agency: "POLICE" });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.stop();
    await database?.drop();
  });

  it("the purge deletes rejected events older than REJECTED_EVENT_RETENTION_DAYS and keeps the rest", async () => {
    await waitUntil(async () => (await idOf('"old"')) === undefined, "the old one purged");
    expect(await idOf('"fresh"')).toEqual(expect.any(String));
  });

  it("a MASH manager lists them with reason and issues, and no raw content", async () => {
    expect((await submit(bad("review-1"))).status).toBe(422);
    const res = await t.gql<Listed>(manager, LIST);
    expect(res.errors).toBeUndefined();
    const mine = res.data?.rejectedEvents.edges.find((e) => e.issues.length > 0);
    expect(mine).toMatchObject({ reason: "INVALID", agency: "POLICE" });
    expect(mine?.issues.map((i) => i.path)).toEqual(["payload.riskLevel"]);
    expect(JSON.stringify(res.data)).not.toContain("Amelia");
  });

  it("nobody else sees them: screeners and early help are withheld, auditors and agencies refused", async () => {
    for (const role of ["MASH_SCREENER", "LEAD_PROFESSIONAL", "EARLY_HELP_MANAGER"] as const) {
      const res = await t.gql(await t.token({ sub: "x", role }), LIST);
      expect(res.errors?.[0]?.extensions?.["code"]).toBe("WITHHELD");
    }
    const auditor = await t.gql(await t.token({ sub: "a", role: "AUDITOR" }), LIST);
    expect(auditor.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
    const agency = await t.gql<Listed>(police, LIST);
    expect(agency.data?.rejectedEvents ?? null).toBeNull();
    expect(agency.errors?.[0]?.extensions?.["code"]).toBe("WITHHELD");
  });

  it("the raw content only with a purpose that says something, and that purpose is audited", async () => {
    const before = await db.accessEvent.count();
    const vague = await t.gql(manager, RAW, { purpose: "\u200B".repeat(25) });
    expect(vague.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(vague)).not.toContain("Amelia");
    expect(await db.accessEvent.count()).toBe(before);

    const id = await idOf("review-1");
    const res = await t.gql<{
      rejectedEvents: { edges: Array<{ id: string; rawContent: string }> };
    }>(manager, RAW, { purpose: PURPOSE });
    expect(res.errors).toBeUndefined();
    const mine = res.data?.rejectedEvents.edges.find((e) => e.id === id);
    expect(mine?.rawContent).toContain('"givenName":"Amelia"');
    const audited = await db.accessEvent.findFirst({
      where: { disclosed: { has: `RejectedEvent.rawContent:${id}` } },
    });
    expect(audited).toMatchObject({ actor: "manager-1", role: "MASH_MANAGER", purpose: PURPOSE });
  });

  it("a replay of the event as it was is refused again and kept; once fixed it is stored and the rejected event goes", async () => {
    const id = (await idOf("review-1"))!;
    const again = await t.gql<{ replayRejectedEvent: { replayed: boolean; issues: unknown[] } }>(
      manager,
      REPLAY,
      { id, purpose: PURPOSE },
    );
    expect(again.errors).toBeUndefined();
    expect(again.data?.replayRejectedEvent).toMatchObject({ replayed: false });
    expect(await idOf("review-1")).toBe(id);

    // a fix for another agency is not accepted for a police event
    const health = JSON.parse(
      readFileSync(
        path.resolve(
          import.meta.dirname,
          "../../fixtures/contract-examples/valid-health-ed-attendance.json",
        ),
        "utf8",
      ),
    ) as unknown;
    const wrong = await t.gql<{ replayRejectedEvent: { replayed: boolean } }>(manager, REPLAY, {
      id,
      event: health,
      purpose: PURPOSE,
    });
    expect(wrong.data?.replayRejectedEvent.replayed).toBe(false);

    const fixed = {
      ...bad("review-1"),
      payload: { ...bad("review-1").payload, riskLevel: "HIGH" },
    };
    const res = await t.gql<{
      replayRejectedEvent: { replayed: boolean; childId: string; eventId: string };
    }>(manager, REPLAY, { id, event: fixed, purpose: PURPOSE });
    expect(res.errors).toBeUndefined();
    expect(res.data?.replayRejectedEvent).toMatchObject({ replayed: true, eventId: "review-1" });
    expect(await idOf("review-1")).toBeUndefined();
    expect(await db.inboundEvent.findFirst({ where: { eventId: "review-1" } })).toMatchObject({
      via: "REPLAY",
      source: "POLICE",
    });
    const childId = res.data?.replayRejectedEvent.childId;
    const audited = await db.accessEvent.findMany({
      where: { disclosed: { hasSome: [`Mutation.replayRejectedEvent:${id}:STORED`] } },
    });
    expect(audited).toEqual([
      expect.objectContaining({ personId: childId, actor: "manager-1", purpose: PURPOSE }),
    ]);
  });

  it("a discard removes it, audited; the audit chain stays intact", async () => {
    expect((await submit(bad("review-2"))).status).toBe(422);
    const id = (await idOf("review-2"))!;
    const res = await t.gql(manager, DISCARD, { id, purpose: PURPOSE });
    expect(res.errors).toBeUndefined();
    expect(await idOf("review-2")).toBeUndefined();
    expect(
      await db.accessEvent.count({
        where: { disclosed: { has: `Mutation.discardRejectedEvent:${id}` } },
      }),
    ).toBe(1);
    const again = await t.gql(manager, DISCARD, { id, purpose: PURPOSE });
    expect(again.errors?.[0]?.extensions?.["code"]).toBe("NOT_FOUND");
    expect(await verifyAccessChain(db, t.chainKey)).toMatchObject({ ok: true });
  });
});
