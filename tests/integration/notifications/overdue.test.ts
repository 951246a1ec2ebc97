// front-door.md "Decision timescales": dueBy follows the partnership's timescales, and a contact
// past its dueBy undecided alerts MASH managers once, however many hubs run.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { createTestDatabase, type TestDatabase } from "../../support/database.ts";
import { createDb, type Db } from "#db/client.ts";
import { alertOverdueContacts } from "#notifications/overdue.ts";
import { event, freshNhsNumber, payloads } from "../child-view/agency-events.ts";
import { eventually } from "./helpers.ts";

const SUBMIT = `mutation($event: JSON!) { submitAgencyEvent(event: $event) { accepted childId } }`;
const MY_ALERTS = `query { myAlerts { edges { id rag stage recipient notification { id } } } }`;

describe("decision timescales and overdue contacts, on two hubs sharing one database", () => {
  let database: TestDatabase;
  let a: TestHub;
  let b: TestHub;
  let police: string;
  let manager: string;
  let screener: string;
  /** Four more "replicas" (connection pools) for the race; connected before the tests run. */
  let replicas: Db[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = {
      // a partnership on version 1 with Tower Hamlets' timescales, in clock hours
      RAG_RULE_VERSION: "1",
      MASH_TIMESCALES: "RED=4h,AMBER=7h,GREEN=24h",
      MASH_TIMESCALE_CLOCK: "clock",
      MASH_OVERDUE_POLL_MS: "100",
    };
    a = await startTestHub({ database, env });
    b = await startTestHub({ database, env });
    police = await a.token({ sub: "merlin", role: "AGENCY_SYSTEM", agency: "POLICE" });
    manager = await a.token({ sub: "manager-1", role: "MASH_MANAGER" });
    screener = await a.token({ sub: "screener-1", role: "MASH_SCREENER" });
    replicas = Array.from({ length: 4 }, () => createDb(database.url, 2));
    await Promise.all(replicas.map((db) => db.$connect()));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((db) => db.$disconnect()));
    await a?.stop();
    await b?.stop();
    await database?.drop();
  });

  async function amberContact(): Promise<{ childId: string; id: string }> {
    const e = event(
      "POLICE",
      {
        nhsNumber: freshNhsNumber(),
        givenName: "Amelia",
        familyName: `Due${randomUUID().slice(0, 6)}`,
        dateOfBirth: "2015-01-01",
        postcode: "E1 6AN",
      },
      payloads.police({
        category: "DOMESTIC_ABUSE",
        riskLevel: "MEDIUM",
        childPresent: true,
        otherPersons: [],
      }),
    );
    const res = await a.gql<{ submitAgencyEvent: { childId: string } }>(police, SUBMIT, {
      event: e,
    });
    const childId = res.data!.submitAgencyEvent.childId;
    const row = await a.hub.services.db.mashNotification.findFirstOrThrow({
      where: { personId: childId },
    });
    return { childId, id: row.id };
  }

  it("sets dueBy from the configured timescale and records the rule version in force", async () => {
    const { id } = await amberContact();
    const n = await a.hub.services.db.mashNotification.findUniqueOrThrow({ where: { id } });
    expect(n.proposedRag).toBe("AMBER");
    expect(n.dueBy.getTime() - n.createdAt.getTime()).toBe(7 * 3_600_000);
    expect(n.ruleVersion).toBe(1);
    const assessment = await a.hub.services.db.ragAssessment.findFirstOrThrow({
      where: { personId: n.personId },
    });
    expect(assessment.ruleVersion).toBe(1);
  });

  it("alerts MASH managers once when an undecided contact passes its dueBy, screened or not, and never a decided one", async () => {
    const overdue = await amberContact();
    const screenedOnly = await amberContact();
    const screened = await amberContact();
    for (const c of [screenedOnly, screened]) {
      const s = await a.gql(
        screener,
        `mutation($id: ID!) { screenNotification(id: $id, rag: AMBER, rationale: "Discuss at the daily meeting.") { id } }`,
        { id: c.id },
      );
      expect(s.errors).toBeUndefined();
    }
    const d = await a.gql(
      manager,
      `mutation($id: ID!) { decide(notificationId: $id, outcome: EARLY_HELP, rationale: "Early help assessment.") { id } }`,
      { id: screened.id },
    );
    expect(d.errors).toBeUndefined();
    const past = new Date(Date.now() - 60_000);
    await a.hub.services.db.mashNotification.updateMany({
      where: { id: { in: [overdue.id, screenedOnly.id, screened.id] } },
      data: { dueBy: past },
    });

    const alert = await eventually("the OVERDUE alert", async () => {
      const res = await a.gql<{
        myAlerts: { edges: Array<{ stage: string; notification: { id: string } }> };
      }>(manager, MY_ALERTS);
      return res.data?.myAlerts.edges.find(
        (e) => e.stage === "OVERDUE" && e.notification.id === overdue.id,
      );
    });
    expect(alert).toMatchObject({ rag: "AMBER", recipient: "ROLE:MASH_MANAGER" });
    // the other hub, polling too, finds nothing left to alert; nor does a direct pass
    expect(await alertOverdueContacts(b.hub.services.db)).toBe(0);
    await eventually("the screened, undecided contact's OVERDUE alert", () =>
      a.hub.services.db.alert
        .count({ where: { stage: "OVERDUE", notificationId: screenedOnly.id } })
        .then((n) => n === 1),
    );
    const rows = await a.hub.services.db.alert.findMany({ where: { stage: "OVERDUE" } });
    expect(rows.map((r) => r.notificationId).sort()).toEqual([overdue.id, screenedOnly.id].sort());
    // screeners are not MASH managers
    const seen = await a.gql<{ myAlerts: { edges: Array<{ stage: string }> } }>(
      screener,
      MY_ALERTS,
    );
    expect(seen.data?.myAlerts.edges.filter((e) => e.stage === "OVERDUE")).toEqual([]);
  });

  it("claims each overdue contact for exactly one of many hubs passing at once", async () => {
    const contacts = await Promise.all([amberContact(), amberContact(), amberContact()]);
    const ids = contacts.map((c) => c.id);
    // stop the workers' own passes from taking them first: they are overdue only "in the future"
    const future = new Date(Date.now() + 3_600_000);
    await a.hub.services.db.mashNotification.updateMany({
      where: { id: { in: ids } },
      data: { dueBy: new Date(Date.now() + 1_800_000) },
    });
    const claimed = await Promise.all(replicas.map((db) => alertOverdueContacts(db, future)));
    expect(claimed.reduce((x, y) => x + y, 0)).toBe(3);
    const alerts = await a.hub.services.db.alert.findMany({
      where: { stage: "OVERDUE", notificationId: { in: ids } },
    });
    expect(alerts.map((r) => r.notificationId).sort()).toEqual([...ids].sort());
  });
});
