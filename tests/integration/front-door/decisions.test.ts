// decide, end to end against PostgreSQL, Kafka and an SMTP server: who may decide, the outcome's
// next actions with owners and due times, in time or not, the event on mash.notifications.v1,
// and the referrer told once — even when the mail server is down at the decision.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../../support/provided.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import {
  earlyHelpEvent,
  eventually,
  newChild,
  startSmtpSink,
  type SmtpSink,
} from "../notifications/helpers.ts";
import {
  DECIDE,
  SCREEN,
  SUBMIT_EVENT,
  SUBMIT_REFERRAL,
  knownChild,
  readNotificationTopic,
  referralInput,
} from "./helpers.ts";

const fastRetry = {
  ALERT_EMAIL_POLL_MS: "100",
  ALERT_EMAIL_RETRY_BASE_MS: "100",
  ALERT_EMAIL_RETRY_MAX_MS: "300",
  MASH_DUTY_EMAIL: "duty@mash.example.org",
};
const settle = () => new Promise((r) => setTimeout(r, 1_500));

interface Decided {
  decide: {
    id: string;
    status: string;
    nextActions: string[];
    decision: {
      outcome: string;
      rationale: string;
      decidedBy: string;
      withinTimescale: boolean;
      dueBy: string;
      level: number;
      advice: string;
    };
    actions: Array<{ id: string; action: string; assignee: string | null; dueBy: string | null }>;
  } | null;
}

describe("deciding a contact and telling the referrer", () => {
  let smtp: SmtpSink;
  let t: TestHub;
  let school: string;
  let screener: string;
  let manager: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    await smtp.stop(); // the mail server is down from the start; its port is known
    t = await startTestHub({ kafka: true, env: { SMTP_URL: smtp.url, ...fastRetry } });
    school = await t.token({
      sub: "hill-primary-portal",
      role: "AGENCY_SYSTEM",
      agency: "EDUCATION",
    });
    screener = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
    manager = await t.token({ sub: "manager-1", role: "MASH_MANAGER" });
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  const refer = async (input: Record<string, unknown>) => {
    const res = await t.gql<{ submitReferral: { notificationId: string } }>(
      school,
      SUBMIT_REFERRAL,
      { input },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.submitReferral.notificationId;
  };
  const screen = async (id: string, rag = "AMBER") => {
    const res = await t.gql(screener, SCREEN, { id, rag, rationale: "Screened with the checks." });
    expect(res.errors).toBeUndefined();
  };

  it("refuses a screener, decides for a manager, and tells the referrer once when the mail server is back", async () => {
    const { child } = await knownChild(t, { category: "DOMESTIC_ABUSE", riskLevel: "MEDIUM" });
    const id = await refer(referralInput(child));
    await screen(id);

    const byScreener = await t.gql<Decided>(screener, DECIDE, {
      id,
      outcome: "STRATEGY_DISCUSSION",
      rationale: "Screener trying",
    });
    expect(byScreener.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
    expect(await t.hub.services.db.decision.count({ where: { notificationId: id } })).toBe(0);

    const due = new Date(Date.now() + 86_400_000).toISOString();
    const res = await t.gql<Decided>(manager, DECIDE, {
      id,
      outcome: "ADVICE_AND_SIGNPOSTING",
      rationale: "Police report a domestic abuse incident last night; below threshold for CSC.",
      advice:
        "Please offer the family the school's parenting support and refer to early help if it continues.",
      nextActions: [{ action: "inform_referrer", assignee: "mash-admin-1", dueBy: due }],
    });
    expect(res.errors).toBeUndefined();
    const decided = res.data!.decide!;
    expect(decided.status).toBe("CLOSED");
    expect(decided.nextActions).toEqual(["INFORM_REFERRER"]);
    expect(decided.decision).toMatchObject({
      outcome: "ADVICE_AND_SIGNPOSTING",
      decidedBy: "manager-1",
      withinTimescale: true,
      level: 1,
    });
    expect(decided.actions).toEqual([
      {
        id: expect.any(String),
        action: "INFORM_REFERRER",
        assignee: "mash-admin-1",
        dueBy: due,
        completedAt: null,
      },
    ]);

    // the referrer's e-mail waits, persisted, while the mail server is down
    const db = t.hub.services.db;
    const pending = await eventually("two failed attempts", async () => {
      const row = await db.referrerEmail.findUnique({ where: { notificationId: id } });
      return row && row.attempts >= 2 ? row : undefined;
    });
    expect(pending.status).toBe("PENDING");
    expect(smtp.mails).toEqual([]);
    const informed = () =>
      t.gql<{ notifications: { edges: Array<{ id: string; referrerInformedAt: string | null }> } }>(
        manager,
        `query { notifications(filter: { kind: REFERRAL }, first: 20) { edges { id referrerInformedAt } } }`,
      );
    expect((await informed()).data?.notifications.edges.find((n) => n.id === id)).toEqual({
      id,
      referrerInformedAt: null,
    });

    await smtp.restart();
    const mail = await eventually("the referrer's e-mail", () => smtp.mails[0]);
    expect(mail.to).toEqual(["dsl@hill-primary.example.org"]);
    expect(mail.messageId).toBe(`<referral-outcome-${id}@mash-hub>`);
    expect(mail.raw).toContain("advice and signposting");
    expect(mail.raw).toContain("level 1");
    expect(mail.raw).toContain("parenting support");
    // no other agency's information, and nothing that names the child
    expect(mail.raw).not.toContain("Police report");
    expect(mail.raw).not.toContain("neighbour dispute");
    expect(mail.raw).not.toContain(child.familyName);
    expect(mail.raw).not.toContain(child.nhsNumber);

    await settle(); // several more worker passes
    expect(smtp.mails).toHaveLength(1);
    const sent = await db.referrerEmail.findUniqueOrThrow({ where: { notificationId: id } });
    expect(sent.status).toBe("SENT");
    const after = (await informed()).data?.notifications.edges.find((n) => n.id === id);
    expect(after?.referrerInformedAt).toBe(sent.sentAt!.toISOString());
    const decision = await db.decision.findUniqueOrThrow({ where: { notificationId: id } });
    expect(sent.sentAt!.getTime() - decision.decidedAt.getTime()).toBeLessThan(24 * 3_600_000);

    // the decision is announced on mash.notifications.v1
    const messages = await readNotificationTopic(inject("kafkaBrokers"), t.topicPrefix, (ms) =>
      ms.some((m) => m.change === "DECIDED" && m.notificationId === id),
    );
    expect(messages.find((m) => m.change === "DECIDED" && m.notificationId === id)).toMatchObject({
      kind: "REFERRAL",
      outcome: "ADVICE_AND_SIGNPOSTING",
      withinTimescale: true,
      status: "CLOSED",
    });

    const again = await t.gql<Decided>(manager, DECIDE, {
      id,
      outcome: "NO_FURTHER_ACTION",
      rationale: "Twice",
    });
    expect(again.errors?.[0]?.extensions?.["code"]).toBe("CONFLICT");
  });

  it("records a decision made after the contact's due time as not in time", async () => {
    const id = await refer(referralInput(newChild()));
    await screen(id, "GREEN");
    await t.hub.services.db.mashNotification.update({
      where: { id },
      data: { dueBy: new Date(Date.now() - 60_000) },
    });
    const res = await t.gql<Decided>(manager, DECIDE, {
      id,
      outcome: "NO_FURTHER_ACTION",
      rationale: "Universal services are meeting the child's needs.",
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.decide?.decision).toMatchObject({ withinTimescale: false, level: 1 });
    expect(res.data?.decide?.actions).toEqual([]);
  });

  it("refuses to decide an unscreened contact, and names every bad field", async () => {
    const id = await refer(referralInput(newChild()));
    const unscreened = await t.gql<Decided>(manager, DECIDE, {
      id,
      outcome: "EARLY_HELP",
      rationale: "Early help",
    });
    expect(unscreened.errors?.[0]?.extensions?.["code"]).toBe("CONFLICT");
    await screen(id);
    const bad = await t.gql<Decided>(manager, DECIDE, {
      id,
      outcome: "EARLY_HELP",
      rationale: "   ",
      nextActions: [{ action: "  ", dueBy: "2020-01-01T09:00:00Z" }],
    });
    expect(bad.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    expect((bad.errors?.[0]?.extensions?.["fields"] as string[]).sort()).toEqual([
      "nextActions[0].action",
      "nextActions[0].dueBy",
      "rationale",
    ]);
  });

  it("steps a family up for a child in need, alerting its early help manager and lead professional", async () => {
    const child = newChild();
    const agency = await t.token({ sub: "eh-system", role: "AGENCY_SYSTEM", agency: "EARLY_HELP" });
    const eh = await t.gql<{ submitAgencyEvent: { accepted: boolean } }>(agency, SUBMIT_EVENT, {
      event: earlyHelpEvent(child, { lead: "lp-dec-1", manager: "ehm-dec-1" }),
    });
    expect(eh.data?.submitAgencyEvent.accepted).toBe(true);
    const id = await refer(referralInput(child));
    await screen(id, "AMBER");
    const res = await t.gql<Decided>(manager, DECIDE, {
      id,
      outcome: "CHILD_IN_NEED_ASSESSMENT",
      rationale: "Needs unmet despite early help; section 17 assessment.",
      nextActions: [{ action: "CHILD_AND_FAMILY_ASSESSMENT", assignee: "duty-manager-cwd" }],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.decide).toMatchObject({
      status: "STEPPED_UP",
      nextActions: ["CHILD_AND_FAMILY_ASSESSMENT"],
      decision: { level: 3 },
      actions: [{ action: "CHILD_AND_FAMILY_ASSESSMENT", assignee: "duty-manager-cwd" }],
    });
    const alerts = await t.hub.services.db.alert.findMany({
      where: { notificationId: id, stage: "DECIDED" },
      select: { recipient: true },
    });
    expect(alerts.map((a) => a.recipient).sort()).toEqual(["ehm-dec-1", "lp-dec-1"]);
  });

  it("steps up only a screened notification, and keeps who stepped it up and why", async () => {
    const { childId } = await knownChild(t, { category: "PHYSICAL_ABUSE", riskLevel: "HIGH" });
    const list = await t.gql<{ notifications: { edges: Array<{ id: string }> } }>(
      screener,
      `query($c: ID) { notifications(filter: { childId: $c, kind: AGENCY_EVENT }) { edges { id } } }`,
      { c: childId },
    );
    const id = list.data!.notifications.edges[0]!.id;
    const STEP_UP = `mutation($id: ID!) { stepUp(notificationId: $id, reason: CP, rationale: "Injuries need a strategy discussion") {
      status rag rationale screenedBy stepUpReason stepUpRationale steppedUpBy steppedUpAt } }`;
    const early = await t.gql(screener, STEP_UP, { id });
    expect(early.errors?.[0]?.extensions?.["code"]).toBe("CONFLICT");
    expect(early.errors?.[0]?.message).toContain("before it is screened");
    await screen(id, "RED");
    const stepped = await t.gql<{ stepUp: Record<string, unknown> }>(screener, STEP_UP, { id });
    expect(stepped.errors).toBeUndefined();
    expect(stepped.data?.stepUp).toMatchObject({
      status: "STEPPED_UP",
      rag: "RED",
      rationale: "Screened with the checks.",
      screenedBy: "screener-1",
      stepUpReason: "CP",
      stepUpRationale: "Injuries need a strategy discussion",
      steppedUpBy: "screener-1",
      steppedUpAt: expect.any(String),
    });
  });
});
