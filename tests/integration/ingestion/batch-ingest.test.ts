// One batch in one transaction (domain/ingestion/ingest-batch.ts), checked as an agency integrator
// and a MASH screener would: every event answered on its own, duplicates and conflicts judged
// against what was received first (even across batches), one child per person however the
// person's events are split, and a child's events rated in their order.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import pg from "pg";
import { createDb, type Db } from "#db/client.ts";
import { ingestBatch, type BatchInput } from "#ingestion/ingest-batch.ts";
import { createTestDatabase, type TestDatabase } from "../../support/database.ts";

const examples = path.resolve(import.meta.dirname, "../../fixtures/contract-examples");
type Example = Record<string, unknown> & { eventId: string; subject: Record<string, unknown> };
const example = (file: string) =>
  JSON.parse(readFileSync(path.join(examples, file), "utf8")) as Example;
const police = example("valid-police-merlin.json");
const cpisPlan = example("valid-cpis-plan.json");
const earlyHelp = example("valid-earlyhelp-episode.json");

const asInput = (event: object): BatchInput => ({
  raw: Buffer.from(JSON.stringify(event)),
  meta: { via: "API", agency: "POLICE" },
});
const withId = (eventId: string, changes: Record<string, unknown> = {}) => ({
  ...police,
  eventId,
  ...changes,
});

describe("a batch of events taken in at once", () => {
  let database: TestDatabase;
  let db: Db;
  let sql: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url, 4);
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await db?.$disconnect();
    await database?.drop();
  });

  const options = { maxEventBytes: 65_536 };

  it("judges a redelivery against the event received first, even when a conflicting one comes before it in the batch", async () => {
    const first = withId("MERLIN-BATCH-1");
    const [accepted] = await ingestBatch(db, [asInput(first)], options);
    expect(accepted?.status).toBe("ACCEPTED");
    const changed = withId("MERLIN-BATCH-1", { occurredAt: "2024-01-01T10:00:00Z" });
    const outcomes = await ingestBatch(db, [asInput(changed), asInput(first)], options);
    expect(outcomes.map((o) => o.status)).toEqual(["REJECTED", "DUPLICATE"]);
    expect(outcomes[0]?.status === "REJECTED" && outcomes[0].reason).toBe("CONFLICT");
    const kept = await sql.query(
      `SELECT count(*)::int AS n FROM "RejectedEvent" WHERE reason = 'CONFLICT'`,
    );
    expect(kept.rows[0].n).toBe(1);
  });

  it("makes one child of one person whose events are in one batch, and links the later ones to it", async () => {
    // somebody else than the contract example's child (who the first test stored)
    const subject = {
      sourcePersonId: "MERLIN-P-ONE",
      givenName: "Ifeoma",
      familyName: "Okonkwo-Batch",
      dateOfBirth: "2015-03-09",
      postcode: "LS6 2AB",
    };
    const events = ["A", "B", "C"].map((s, i) =>
      withId(`MERLIN-ONE-${s}`, {
        subject,
        payload: { ...(police["payload"] as object), merlinRef: `M/ONE/${i}` },
      }),
    );
    const outcomes = await ingestBatch(db, events.map(asInput), options);
    expect(outcomes.map((o) => o.status)).toEqual(["ACCEPTED", "ACCEPTED", "ACCEPTED"]);
    const children = new Set(outcomes.map((o) => (o.status === "ACCEPTED" ? o.personId : "")));
    expect(children.size).toBe(1);
    const [childId] = [...children];
    const rows = await sql.query(
      `SELECT count(*)::int AS n FROM "PoliceNotification" WHERE "personId" = $1`,
      [childId],
    );
    expect(rows.rows[0].n).toBe(3);
    // rated after each of its events, in order: three assessments, each with one more record
    const ratings = await sql.query(
      `SELECT a."eventId"::text AS "eventId" FROM "RagAssessment" a WHERE a."personId" = $1 ORDER BY a."assessedAt"`,
      [childId],
    );
    const inbound = await sql.query(
      `SELECT "id"::text AS id, "eventId" FROM "InboundEvent" WHERE "personId" = $1`,
      [childId],
    );
    const byId = new Map(
      inbound.rows.map((r: { id: string; eventId: string }) => [r.id, r.eventId]),
    );
    expect(ratings.rows.map((r: { eventId: string }) => byId.get(r.eventId))).toEqual([
      "MERLIN-ONE-A",
      "MERLIN-ONE-B",
      "MERLIN-ONE-C",
    ]);
  });

  it("answers every event of a batch on its own: a bad one names its field and does not hold the rest", async () => {
    const bad = withId("MERLIN-BAD-1", { occurredAt: "not a date" });
    const good = withId("MERLIN-GOOD-1", {
      subject: { ...police.subject, sourcePersonId: "MERLIN-P-GOOD" },
    });
    const outcomes = await ingestBatch(db, [asInput(bad), asInput(good)], options);
    expect(outcomes[0]?.status).toBe("REJECTED");
    expect(outcomes[0]?.status === "REJECTED" && outcomes[0].issues.map((i) => i.path)).toContain(
      "occurredAt",
    );
    expect(outcomes[1]?.status).toBe("ACCEPTED");
  });

  it("rates a child with the plan of a sibling linked to the family while it waited for the child", async () => {
    const child = {
      sourcePersonId: "EHM-WAIT-1",
      givenName: "Tomasz",
      familyName: "Wiśniewski-Wait",
      dateOfBirth: "2014-05-17",
      postcode: "LS8 1AA",
    };
    const sibling = {
      sourcePersonId: "CPIS-WAIT-2",
      givenName: "Zofia",
      familyName: "Wiśniewski-Wait",
      dateOfBirth: "2017-02-02",
      postcode: "LS8 1AA",
    };
    const familyId = "FAM-WAIT-1";
    const [joined] = await ingestBatch(
      db,
      [
        {
          raw: Buffer.from(
            JSON.stringify({
              ...earlyHelp,
              eventId: "EH-WAIT-1",
              subject: child,
              payload: { ...(earlyHelp["payload"] as object), episodeId: "EH-W-1", familyId },
            }),
          ),
          meta: { via: "API", agency: "EARLY_HELP" },
        },
      ],
      options,
    );
    const [planned] = await ingestBatch(
      db,
      [
        {
          raw: Buffer.from(
            JSON.stringify({ ...cpisPlan, eventId: "CPIS-WAIT-1", subject: sibling }),
          ),
          meta: { via: "API", agency: "CPIS" },
        },
      ],
      options,
    );
    const childId = joined?.status === "ACCEPTED" ? joined.personId : undefined;
    const siblingId = planned?.status === "ACCEPTED" ? planned.personId : undefined;
    expect(childId && siblingId && childId !== siblingId).toBeTruthy();

    // another transaction holds the child's rating lock and links the sibling to the family
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query("SELECT pg_advisory_xact_lock(7301, hashtext($1))", [childId]);
    await holder.query(
      `INSERT INTO "HouseholdMember" ("id", "householdId", "personId", "relationship", "source")
       SELECT gen_random_uuid(), h."id", $1::uuid, 'CHILD', 'EARLY_HELP'
         FROM "Household" h WHERE h."sourceRef" = $2`,
      [siblingId, `EARLY_HELP:${familyId}`],
    );
    const notice = withId("MERLIN-WAIT-1", {
      subject: { ...child, sourcePersonId: "MERLIN-WAIT-P1" },
      payload: { ...(police["payload"] as object), merlinRef: "M/WAIT/1" },
    });
    const pending = ingestBatch(db, [asInput(notice)], options);
    await new Promise((r) => setTimeout(r, 500)); // the batch is now waiting for the child
    await holder.query("COMMIT");
    await holder.end();
    const [outcome] = await pending;
    expect(outcome?.status === "ACCEPTED" && outcome.personId).toBe(childId);

    const latest = await sql.query(
      `SELECT reasons::text AS reasons FROM "RagAssessment" WHERE "personId" = $1
        ORDER BY "assessedAt" DESC LIMIT 1`,
      [childId],
    );
    expect(latest.rows[0].reasons).toContain("HOUSEHOLD_MEMBER_ON_PLAN");
  });
});
