// Access is decided at every delivery (access.md, version 2): a subscription reads consent, the
// relationship and the clock for each event it delivers, so a withdrawal, an override's expiry
// or an ended early help episode stops the very next delivery, whatever the socket saw before;
// the audit names the basis standing at that moment. A socket closes with 4401 at its token's
// `exp`.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { signDevelopmentToken } from "#auth/sign-token.ts";
import { createDb, type Db } from "#db/client.ts";
import { startTestHub, TEST_JWT_SECRET, type TestHub } from "../../support/hub.ts";
import { LEAD_PRO, createChild } from "./fixtures.ts";
import { alertIdOf, openLive, raiseAlert, type LiveClient, type LiveResult } from "./live.ts";

const SUMMARY = "Police attended a verbal argument at the home address.";
const ALERT_WITH_DETAIL = `subscription { alertRaised { id notification { id
  child { id policeNotifications { category summary } } } } }`;
const HTTP_DETAIL = "query ($id: ID!) { child(id: $id) { policeNotifications { summary } } }";

const summaryOf = (r: LiveResult) =>
  (
    r.data?.["alertRaised"] as
      | { notification: { child: { policeNotifications: Array<{ summary: string | null }> } } }
      | null
      | undefined
  )?.notification.child.policeNotifications[0]?.summary;

describe("subscriptions decide at each delivery", () => {
  let t: TestHub;
  let db: Db;
  const open: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestHub();
    db = createDb(t.db.url, 2);
  });
  afterAll(async () => {
    for (const l of open) await l.close().catch(() => undefined);
    await db?.$disconnect();
    await t?.stop();
  });

  const screeners = async (n: number) => {
    const clients: LiveClient[] = [];
    for (let i = 0; i < n; i++) {
      const token = await t.token({ sub: `screener-${i + 1}`, role: "MASH_SCREENER" });
      const live = await openLive(t.url, token, ALERT_WITH_DETAIL);
      open.push(live);
      clients.push(live);
    }
    return clients;
  };

  /** The access event a delivery of this alert wrote for this actor (notification → child). */
  const deliveryEvent = async (childId: string, actor: string, after: bigint) =>
    db.accessEvent.findFirst({
      where: {
        personId: childId,
        actor,
        seq: { gt: after },
        disclosed: { has: "Alert.notification" },
      },
      orderBy: { seq: "desc" },
    });
  const lastSeq = async () =>
    (await db.accessEvent.findFirst({ orderBy: { seq: "desc" } }))?.seq ?? 0n;

  it("an override superseded by a withdrawal is not relied on by the next delivery, to any subscriber", async () => {
    const child = await createChild(db, { consent: "override", related: false, tag: "sw" });
    const subs = await screeners(3);
    for (const s of subs) await s.ready(() => raiseAlert(db, child));

    // every socket has delivered the child with the override standing (its caches are warm)
    const before = await lastSeq();
    const first = await raiseAlert(db, child);
    for (const s of subs) {
      const r = await s.until("the first alert", (x) => alertIdOf(x) === first);
      expect(summaryOf(r)).toBe(SUMMARY);
    }
    expect(await deliveryEvent(child, "screener-1", before)).toMatchObject({
      legalBasis: "S47_SIGNIFICANT_HARM",
      disclosed: expect.arrayContaining(["PoliceNotification.summary"]),
    });

    const manager = await t.token({ sub: "manager-1", role: "MASH_MANAGER" });
    const withdrawn = await t.gql(
      manager,
      `mutation ($input: ConsentInput!) { recordConsent(input: $input) { id } }`,
      { input: { childId: child, status: "WITHDRAWN", scope: ["POLICE"], legalBasis: "CONSENT" } },
    );
    expect(withdrawn.errors).toBeUndefined();
    const http = await t.gql<{ child: { policeNotifications: Array<{ summary: string | null }> } }>(
      manager,
      HTTP_DETAIL,
      { id: child },
    );
    expect(http.data?.child.policeNotifications[0]?.summary).toBeNull();

    const afterWithdrawal = await lastSeq();
    const second = await raiseAlert(db, child);
    for (const s of subs) {
      const r = await s.until("the second alert", (x) => alertIdOf(x) === second);
      expect(summaryOf(r)).toBeNull();
      expect(r.errors?.map((e) => e.extensions)).toEqual([
        { code: "WITHHELD", category: "POLICE_DETAIL", reason: "NO_CONSENT" },
      ]);
    }
    for (const actor of ["screener-1", "screener-2", "screener-3"]) {
      const event = await deliveryEvent(child, actor, afterWithdrawal);
      expect(event?.legalBasis).toBeNull();
      expect(event?.withheld).toContain("PoliceNotification.summary");
      expect(event?.disclosed).not.toContain("PoliceNotification.summary");
    }
  }, 90_000);

  it("an override that expires stops the next delivery", async () => {
    const child = await createChild(db, { consent: "override", related: false, tag: "se" });
    const [sub] = await screeners(1);
    await sub!.ready(() => raiseAlert(db, child));
    const first = await raiseAlert(db, child);
    expect(summaryOf(await sub!.until("the first alert", (x) => alertIdOf(x) === first))).toBe(
      SUMMARY,
    );
    // the override's time runs out (set in the past rather than waited for)
    await db.consentRecord.updateMany({
      where: { personId: child, status: "OVERRIDDEN" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const second = await raiseAlert(db, child);
    const r = await sub!.until("the second alert", (x) => alertIdOf(x) === second);
    expect(summaryOf(r)).toBeNull();
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "WITHHELD" });
  }, 60_000);

  it("an early help episode that ends stops the next delivery to its lead professional", async () => {
    const child = await createChild(db, { consent: "given", related: true, tag: "sx" });
    const token = await t.token({ sub: LEAD_PRO, role: "LEAD_PROFESSIONAL" });
    const sub = await openLive(t.url, token, ALERT_WITH_DETAIL);
    open.push(sub);
    await sub.ready(() => raiseAlert(db, child, LEAD_PRO));
    const first = await raiseAlert(db, child, LEAD_PRO);
    expect(summaryOf(await sub.until("the first alert", (x) => alertIdOf(x) === first))).toBe(
      SUMMARY,
    );
    await db.earlyHelpEpisode.updateMany({
      where: { personId: child, leadProfessionalId: LEAD_PRO },
      data: { status: "CLOSED", closedAt: new Date() },
    });
    const seen = sub.results.length;
    await raiseAlert(db, child, LEAD_PRO);
    const r = await sub.until("the next delivery", (_x, i) => i >= seen);
    // the alert is about a child no open episode names them for: nothing of it is delivered
    expect(r.data).toBeNull();
    expect(JSON.stringify(r)).not.toContain(SUMMARY);
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: "WITHHELD",
      reason: "NO_RELATIONSHIP",
    });
  }, 60_000);

  it("a socket is closed with 4401 when its token expires", async () => {
    const child = await createChild(db, { consent: "given", related: false, tag: "st" });
    const token = await signDevelopmentToken(
      TEST_JWT_SECRET,
      { sub: "screener-9", role: "MASH_SCREENER" },
      { expiresIn: "4s" },
    );
    const sub = await openLive(t.url, token, ALERT_WITH_DETAIL);
    open.push(sub);
    await sub.ready(() => raiseAlert(db, child));
    expect(sub.closedWith).toBeUndefined();
    const deadline = Date.now() + 20_000;
    while (sub.closedWith === undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(sub.closedWith).toBe(4401);
  }, 60_000);
});
