// The audit trail: one access event per child per response, append-only for the application,
// a hash chain that finds a superuser's edit, fail-closed writes, consent recorded and audited.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "#db/client.ts";
import { verifyAccessChain } from "#audit/verify-chain.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { createChild } from "./fixtures.ts";

describe("the audit trail", () => {
  let t: TestHub;
  let db: Db;
  let childId: string;
  let manager: string;
  let screener: string;

  beforeAll(async () => {
    t = await startTestHub();
    db = createDb(t.db.url, 2);
    childId = await createChild(db, { consent: "given", related: true, tag: "a" });
    manager = await t.token({ sub: "manager-1", role: "MASH_MANAGER" });
    screener = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.stop();
  });

  it("a response about a child writes one access event with actor, role, purpose, basis, disclosed and withheld", async () => {
    const before = await db.accessEvent.count({ where: { personId: childId } });
    const res = await t.gql(
      screener,
      "query ($id: ID!) { child(id: $id) { givenName policeNotifications { summary } } a: child(id: $id) { familyName } }",
      { id: childId },
      { "x-access-purpose": "MASH screening of a police notification" },
    );
    expect(res.errors).toBeUndefined();
    const events = await db.accessEvent.findMany({
      where: { personId: childId },
      orderBy: { seq: "asc" },
    });
    expect(events.length).toBe(before + 1);
    const e = events[events.length - 1];
    expect(e).toMatchObject({
      actor: "screener-1",
      role: "MASH_SCREENER",
      purpose: "MASH screening of a police notification",
      legalBasis: "CONSENT",
      withheld: [],
    });
    expect(e?.disclosed).toEqual(
      expect.arrayContaining([
        "Query.child",
        "Child.givenName",
        "Child.familyName",
        "PoliceNotification.summary",
      ]),
    );
  });

  it("accessLog shows the events to a MASH manager, newest first, and refuses a screener", async () => {
    const res = await t.gql<{
      accessLog: { edges: Array<{ actor: string; disclosed: string[] }> };
    }>(
      manager,
      "query ($id: ID!) { accessLog(childId: $id, first: 5) { edges { actor role purpose disclosed withheld } hasNextPage } }",
      { id: childId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.accessLog.edges[0]?.actor).toBe("screener-1");
    const refused = await t.gql(
      screener,
      "query ($id: ID!) { accessLog(childId: $id) { edges { id } } }",
      {
        id: childId,
      },
    );
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "WITHHELD", reason: "ROLE" });
  });

  it("thirty responses at once each get their own event, and the chain stays intact", async () => {
    const before = await db.accessEvent.count({ where: { personId: childId } });
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        t.gql(screener, "query ($id: ID!) { child(id: $id) { givenName } }", { id: childId }),
      ),
    );
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(await db.accessEvent.count({ where: { personId: childId } })).toBe(before + 30);
    expect(await verifyAccessChain(db, t.chainKey)).toMatchObject({ ok: true });
  });

  it("the application's connection cannot update or delete an access event", async () => {
    const one = await db.accessEvent.findFirstOrThrow({ where: { personId: childId } });
    await expect(
      db.accessEvent.update({ where: { id: one.id }, data: { actor: "someone-else" } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.accessEvent.delete({ where: { id: one.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe('TRUNCATE "AccessEvent"')).rejects.toThrow(/append-only/);
    expect((await db.accessEvent.findUniqueOrThrow({ where: { id: one.id } })).actor).toBe(
      one.actor,
    );
  });

  it("recordConsent validates overrides: only a MASH manager, on S47 or public interest, justified", async () => {
    const mutation = `mutation ($input: ConsentInput!) { recordConsent(input: $input) { id status scope legalBasis recordedBy } }`;
    const override = {
      childId,
      status: "OVERRIDDEN",
      scope: ["POLICE"],
      legalBasis: "S47_SIGNIFICANT_HARM",
      justification: "Strategy discussion: risk of significant harm to the child.",
    };
    const bySceener = await t.gql(screener, mutation, { input: override });
    expect(bySceener.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
    const wrongBasis = await t.gql(manager, mutation, {
      input: { ...override, legalBasis: "CONSENT" },
    });
    expect(wrongBasis.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    const short = await t.gql(manager, mutation, { input: { ...override, justification: "risk" } });
    expect(short.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    const ok = await t.gql<{ recordConsent: { status: string; recordedBy: string } }>(
      manager,
      mutation,
      {
        input: override,
      },
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.recordConsent).toMatchObject({ status: "OVERRIDDEN", recordedBy: "manager-1" });
    const decision = await db.accessEvent.findFirst({
      where: { personId: childId, disclosed: { has: "Mutation.recordConsent:OVERRIDDEN" } },
    });
    expect(decision).toMatchObject({ actor: "manager-1", legalBasis: "S47_SIGNIFICANT_HARM" });
  });

  it("a withdrawal takes effect on the next request", async () => {
    const child = await createChild(db, { consent: "given", related: true, tag: "w" });
    const q = "query ($id: ID!) { child(id: $id) { hospitalAttendances { chiefComplaint } } }";
    const before = await t.gql<{
      child: { hospitalAttendances: Array<{ chiefComplaint: string | null }> };
    }>(screener, q, { id: child });
    expect(before.data?.child.hospitalAttendances[0]?.chiefComplaint).toBe("Fall from height");
    const w = await t.gql(
      screener,
      `mutation ($input: ConsentInput!) { recordConsent(input: $input) { id } }`,
      { input: { childId: child, status: "WITHDRAWN", scope: ["HEALTH"], legalBasis: "CONSENT" } },
    );
    expect(w.errors).toBeUndefined();
    const after = await t.gql<{
      child: { hospitalAttendances: Array<{ chiefComplaint: string | null }> };
    }>(screener, q, { id: child });
    expect(after.data?.child.hospitalAttendances[0]?.chiefComplaint).toBeNull();
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: "WITHHELD", reason: "NO_CONSENT" });
  });

  it("the chain verifies, and finds a row a superuser changed behind the trigger's back", async () => {
    const ok = await verifyAccessChain(db, t.chainKey);
    expect(ok.ok).toBe(true);
    const victim = await db.accessEvent.findFirstOrThrow({
      where: { personId: childId },
      orderBy: { seq: "asc" },
    });
    const su = new pg.Client({ connectionString: t.db.url });
    await su.connect();
    await su.query("SET session_replication_role = replica");
    await su.query(`UPDATE "AccessEvent" SET withheld = '{}', disclosed = '{}' WHERE id = $1`, [
      victim.id,
    ]);
    await su.end();
    const report = await verifyAccessChain(db, t.chainKey);
    expect(report).toMatchObject({ ok: false, id: victim.id, problem: "HASH_MISMATCH" });
  });

  it("fails closed: when the access event cannot be written the response carries no data", async () => {
    const su = new pg.Client({ connectionString: t.db.url });
    await su.connect();
    await su.query(`CREATE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$`);
    await su.query(
      `CREATE TRIGGER refuse_insert BEFORE INSERT ON "AccessEvent" FOR EACH ROW EXECUTE FUNCTION refuse_insert()`,
    );
    try {
      const res = await t.gql(
        screener,
        "query ($id: ID!) { child(id: $id) { givenName nhsNumber } }",
        {
          id: childId,
        },
      );
      expect(res.status).toBe(503);
      expect(res.data).toBeUndefined();
      expect(res.errors).toEqual([
        {
          message: "The access could not be recorded, so nothing is disclosed",
          extensions: { code: "SERVICE_UNAVAILABLE" },
        },
      ]);
      expect(JSON.stringify(res)).not.toContain("Ada");
    } finally {
      await su.query(`DROP TRIGGER refuse_insert ON "AccessEvent"`);
      await su.end();
    }
  });
});

describe("agency systems", () => {
  let t: TestHub;
  let db: Db;
  let childId: string;
  beforeAll(async () => {
    t = await startTestHub();
    db = createDb(t.db.url, 1);
    childId = await createChild(db, { consent: "given", related: false, tag: "g" });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.stop();
  });

  it("an agency token cannot read a child", async () => {
    const police = await t.token({ sub: "police-system", role: "AGENCY_SYSTEM", agency: "POLICE" });
    const res = await t.gql(police, "query ($id: ID!) { child(id: $id) { id givenName } }", {
      id: childId,
    });
    expect(res.data).toEqual({ child: null });
    expect(res.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
  });

  it("an agency token cannot submit an event for another agency", async () => {
    const education = await t.token({
      sub: "school-system",
      role: "AGENCY_SYSTEM",
      agency: "EDUCATION",
    });
    const event = {
      eventId: "evt-police-1",
      source: "POLICE",
      type: "police.merlin.v1",
      occurredAt: new Date().toISOString(),
      subject: {
        sourcePersonId: "P-1",
        givenName: "Ada",
        familyName: "Test",
        dateOfBirth: "2018-01-01",
      },
      payload: {},
    };
    const res = await t.gql<{ submitAgencyEvent: { accepted: boolean } }>(
      education,
      "mutation ($e: JSON!) { submitAgencyEvent(event: $e) { accepted issues { path message } } }",
      { e: event },
    );
    expect(res.data?.submitAgencyEvent?.accepted ?? false).toBe(false);
    expect(await db.inboundEvent.count({ where: { eventId: "evt-police-1" } })).toBe(0);
  });
});

describe("query limits", () => {
  let t: TestHub;
  let token: string;
  beforeAll(async () => {
    t = await startTestHub();
    token = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
  });
  afterAll(async () => t?.stop());

  it("a query nested too deep is refused with QUERY_TOO_COMPLEX", async () => {
    let sel = "id";
    for (let i = 0; i < 6; i++) sel = `notifications { child { ${sel} } }`;
    const res = await t.gql(
      token,
      `{ child(id: "00000000-0000-4000-8000-000000000000") { ${sel} } }`,
    );
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.["code"]).toBe("QUERY_TOO_COMPLEX");
    expect(res.errors?.[0]?.message).toMatch(/deeper than the limit of 10/);
  });

  it("too many aliases are refused with QUERY_TOO_COMPLEX", async () => {
    const fields = Array.from({ length: 25 }, (_, i) => `r${i}: ragRules { id }`).join(" ");
    const res = await t.gql(token, `{ ${fields} }`);
    expect(res.errors?.[0]?.extensions?.["code"]).toBe("QUERY_TOO_COMPLEX");
  });

  it("too many tokens are refused with QUERY_TOO_COMPLEX", async () => {
    const res = await t.gql(token, `{ ragRules { ${"id ".repeat(2100)} } }`);
    expect(res.errors?.[0]?.extensions?.["code"]).toBe("QUERY_TOO_COMPLEX");
  });

  it("a query too costly is refused with QUERY_TOO_COMPLEX", async () => {
    const res = await t.gql(
      token,
      "{ notifications(first: 500) { edges { child { policeNotifications { summary } hospitalAttendances { site } household { personId } } } } }",
    );
    expect(res.errors?.[0]?.extensions?.["code"]).toBe("QUERY_TOO_COMPLEX");
    expect(res.errors?.[0]?.message).toMatch(/cost/);
  });
});
