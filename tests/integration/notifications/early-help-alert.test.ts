import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../../support/provided.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import {
  agencyProducer,
  earlyHelpEvent,
  eventually,
  newChild,
  policeEvent,
  startSmtpSink,
  subscribeAlerts,
  type AgencyProducer,
  type SmtpSink,
} from "./helpers.ts";

const NOTIFICATIONS = `query($filter: NotificationFilter) {
  notifications(filter: $filter) {
    edges { id status proposedRag rag dueBy createdAt nextActions rationale screenedBy triggeringEvents ruleVersion
            reasons { ruleId rag description evidence } }
    hasNextPage
  }
}`;
const SCREEN = `mutation($id: ID!, $rag: Rag!, $rationale: String!) {
  screenNotification(id: $id, rag: $rag, rationale: $rationale) { id status proposedRag rag nextActions rationale screenedBy }
}`;
const MY_ALERTS = `query { myAlerts { edges { id rag recipient channels acknowledgedAt notification { id } } } }`;

interface N {
  id: string;
  status: string;
  proposedRag: string;
  rag: string | null;
  dueBy: string;
  createdAt: string;
  nextActions: string[];
  reasons: Array<{ ruleId: string; rag: string; evidence: string[] }>;
  triggeringEvents: string[];
  ruleVersion: number;
}

describe("an early help family's police notification, from Kafka to the lead professional", () => {
  let smtp: SmtpSink;
  let t: TestHub;
  let producer: AgencyProducer;
  let screener: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestHub({
      kafka: true,
      env: {
        SMTP_URL: smtp.url,
        MASH_DUTY_EMAIL: "duty@mash.example.org",
        ALERT_EMAIL_POLL_MS: "100",
        ALERT_EMAIL_RETRY_BASE_MS: "100",
        ALERT_EMAIL_RETRY_MAX_MS: "400",
      },
    });
    producer = await agencyProducer(t.topicPrefix, inject("kafkaBrokers"));
    screener = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
  });
  afterAll(async () => {
    await producer?.stop();
    await t?.stop();
    await smtp?.stop();
  });

  const notificationsFor = async (childId?: string) => {
    const res = await t.gql<{ notifications: { edges: N[] } }>(screener, NOTIFICATIONS, {
      filter: childId ? { childId } : null,
    });
    expect(res.errors).toBeUndefined();
    return res.data!.notifications.edges;
  };
  const personOf = async (nhs: string) =>
    eventually("the child to be stored", async () => {
      const id = await t.hub.services.db.personIdentifier.findFirst({
        where: { kind: "NHS_NUMBER", value: nhs },
        select: { personId: true },
      });
      return id?.personId;
    });

  it("makes one AMBER notification, alerts early help only after screening, by WebSocket and e-mail, and ignores a redelivery", async () => {
    const child = newChild();
    const lead = "lp-ayesha-1";
    const manager = "ehm-tom-1";
    const leadToken = await t.token({
      sub: lead,
      role: "LEAD_PROFESSIONAL",
      email: `${lead}@example.org`,
    });
    const live = await subscribeAlerts(t.url, leadToken);

    await producer.send(earlyHelpEvent(child, { lead, manager }));
    const childId = await personOf(child.nhsNumber);
    await eventually("the early help episode", () =>
      t.hub.services.db.earlyHelpEpisode
        .findFirst({ where: { personId: childId } })
        .then((e) => e ?? undefined),
    );
    expect(await notificationsFor(childId)).toEqual([]); // an open episode alone fires no rule

    const police = policeEvent(child, {
      category: "DOMESTIC_ABUSE",
      riskLevel: "MEDIUM",
      childPresent: true,
    });
    await producer.send(police);
    const [n] = await eventually("the notification", async () => {
      const list = await notificationsFor(childId);
      return list.length > 0 ? list : undefined;
    });
    expect(n).toMatchObject({
      status: "AWAITING_SCREENING",
      proposedRag: "AMBER",
      rag: null,
      ruleVersion: 2,
      nextActions: [],
    });
    expect(n!.reasons.map((r) => r.ruleId)).toEqual(["POLICE_DOMESTIC_ABUSE"]);
    const record = await t.hub.services.db.policeNotification.findFirstOrThrow({
      where: { personId: childId },
    });
    expect(n!.reasons[0]!.evidence).toEqual([record.id]);
    // AMBER: due one working day later, a weekday
    const due = new Date(n!.dueBy);
    expect(due.getTime()).toBeGreaterThanOrEqual(new Date(n!.createdAt).getTime() + 86_400_000);
    expect([1, 2, 3, 4, 5]).toContain(due.getUTCDay());

    // nothing reaches early help before screening
    expect(
      (await t.gql<{ myAlerts: { edges: unknown[] } }>(leadToken, MY_ALERTS)).data?.myAlerts.edges,
    ).toEqual([]);
    expect(smtp.mails).toEqual([]);
    expect(live.received).toEqual([]);

    const screened = await t.gql<{ screenNotification: N }>(screener, SCREEN, {
      id: n!.id,
      rag: "AMBER",
      rationale: "Second domestic abuse incident this term; discuss at the daily meeting.",
    });
    expect(screened.errors).toBeUndefined();
    expect(screened.data?.screenNotification).toMatchObject({
      status: "SCREENED",
      proposedRag: "AMBER",
      rag: "AMBER",
      nextActions: ["DAILY_DISCUSSION_MEETING"],
      screenedBy: "screener-1",
    });

    const pushed = await eventually("the WebSocket alert", () => live.received[0]);
    expect(pushed).toMatchObject({
      rag: "AMBER",
      recipient: lead,
      notification: { id: n!.id, rag: "AMBER" },
    });
    expect(pushed.channels.sort()).toEqual(["EMAIL", "IN_APP"]);
    const mails = await eventually("both e-mails", () =>
      smtp.mails.length >= 2 ? smtp.mails : undefined,
    );
    expect(mails.flatMap((m) => m.to).sort()).toEqual([
      `${manager}@example.org`,
      `${lead}@example.org`,
    ]);
    expect(mails.find((m) => m.to.includes(`${lead}@example.org`))?.messageId).toBe(
      `<alert-${pushed.id}@mash-hub>`,
    );

    // redelivery of the police event: the consumer commits past it, and nothing changes
    const alertsBefore = await t.hub.services.db.alert.count();
    await producer.send(police);
    const kafkaAdmin = await eventually("the redelivered event to be consumed", async () => {
      const stored = await t.hub.services.db.inboundEvent.count({ where: { source: "POLICE" } });
      const rows = await t.hub.services.db.mashNotification.count({ where: { personId: childId } });
      const metrics = await (await fetch(`${t.url}/metrics`)).text();
      const dup = /mash_events_duplicate_total(?:\{[^}]*\})?\s+(\d+)/.exec(metrics)?.[1];
      return Number(dup ?? 0) >= 1 ? { stored, rows } : undefined;
    });
    expect(kafkaAdmin).toEqual({ stored: 1, rows: 1 });
    expect(await t.hub.services.db.alert.count()).toBe(alertsBefore);
    expect(smtp.mails).toHaveLength(2);

    // the lead professional acknowledges; nobody else can
    const other = await t.token({ sub: "lp-someone-else", role: "LEAD_PROFESSIONAL" });
    const refused = await t.gql(other, `mutation($id: ID!) { acknowledgeAlert(id: $id) { id } }`, {
      id: pushed.id,
    });
    expect(refused.errors?.[0]?.extensions?.["code"]).toBe("NOT_FOUND");
    const ack = await t.gql<{
      acknowledgeAlert: { acknowledgedAt: string | null; acknowledgedBy: string };
    }>(
      leadToken,
      `mutation($id: ID!) { acknowledgeAlert(id: $id) { acknowledgedAt acknowledgedBy } }`,
      { id: pushed.id },
    );
    expect(ack.errors).toBeUndefined();
    expect(ack.data?.acknowledgeAlert.acknowledgedBy).toBe(lead);
    expect(ack.data?.acknowledgeAlert.acknowledgedAt).toBeTruthy();
    const unacked = await t.gql<{ myAlerts: { edges: unknown[] } }>(
      leadToken,
      `query { myAlerts(unacknowledgedOnly: true) { edges { id } } }`,
    );
    expect(unacked.data?.myAlerts.edges).toEqual([]);
    await live.close();
  });

  it("alerts the MASH duty inbox and every MASH subscriber at once for a proposed RED, before screening", async () => {
    const child = newChild();
    const mashToken = await t.token({ sub: "manager-9", role: "MASH_MANAGER" });
    const mashLive = await subscribeAlerts(t.url, mashToken);
    const mailsBefore = smtp.mails.length;

    await producer.send(
      policeEvent(child, { category: "PHYSICAL_ABUSE", riskLevel: "HIGH", childPresent: true }),
    );
    const pushed = await eventually("the MASH alert", () => mashLive.received[0]);
    expect(pushed).toMatchObject({
      rag: "RED",
      recipient: "ROLE:MASH",
      notification: { proposedRag: "RED", rag: null },
    });
    const duty = await eventually("the duty e-mail", () =>
      smtp.mails.slice(mailsBefore).find((m) => m.to.includes("duty@mash.example.org")),
    );
    expect(duty.raw).toContain("proposed RED");
    const childId = await personOf(child.nhsNumber);
    const [n] = await notificationsFor(childId);
    expect(n!.reasons.map((r) => r.ruleId)).toEqual([
      "POLICE_HIGH_RISK",
      "POLICE_ABUSE_OR_EXPLOITATION",
    ]);
    expect(new Date(n!.dueBy).getTime() - new Date(n!.createdAt).getTime()).toBe(4 * 3_600_000);
    // no early help family: no early help alerts, ever; RED screening e-mails the duty inbox again
    await t.gql(screener, SCREEN, {
      id: n!.id,
      rag: "RED",
      rationale: "High risk physical abuse.",
    });
    await eventually(
      "the second duty e-mail",
      () =>
        smtp.mails.slice(mailsBefore).filter((m) => m.to.includes("duty@mash.example.org"))
          .length === 2,
    );
    const stepped = await t.gql<{
      stepUp: { status: string; nextActions: string[]; stepUpReason: string };
    }>(
      screener,
      `mutation($id: ID!) { stepUp(notificationId: $id, reason: CP, rationale: "Strategy discussion needed") { status nextActions stepUpReason } }`,
      { id: n!.id },
    );
    expect(stepped.data?.stepUp).toEqual({
      status: "STEPPED_UP",
      nextActions: ["STRATEGY_DISCUSSION", "CHILD_AND_FAMILY_ASSESSMENT"],
      stepUpReason: "CP",
    });
    const published = await t.hub.services.db.outboxMessage.findMany({ where: { key: childId } });
    expect(published.map((m) => [m.topic, (m.payload as { change: string }).change])).toEqual(
      expect.arrayContaining([
        ["mash.notifications.v1", "CREATED"],
        ["mash.notifications.v1", "SCREENED"],
        ["mash.notifications.v1", "STEPPED_UP"],
        ["mash.alerts.v1", "RAISED"],
      ]),
    );
    await mashLive.close();
  });

  it("refuses screening by early help staff, without a rationale, or twice", async () => {
    const child = newChild();
    await producer.send(
      policeEvent(child, { category: "DOMESTIC_ABUSE", riskLevel: "MEDIUM", childPresent: false }),
    );
    const childId = await personOf(child.nhsNumber);
    const [n] = await eventually("the notification", async () => {
      const list = await notificationsFor(childId);
      return list.length > 0 ? list : undefined;
    });
    const lead = await t.token({ sub: "lp-x", role: "LEAD_PROFESSIONAL" });
    const byLead = await t.gql(lead, SCREEN, { id: n!.id, rag: "GREEN", rationale: "ok" });
    // refused by the access policy (WITHHELD) or the service (FORBIDDEN); either way not screened
    expect(["FORBIDDEN", "WITHHELD"]).toContain(byLead.errors?.[0]?.extensions?.["code"]);
    const row = await t.hub.services.db.mashNotification.findUniqueOrThrow({
      where: { id: n!.id },
    });
    expect(row.status).toBe("AWAITING_SCREENING");
    const blank = await t.gql(screener, SCREEN, { id: n!.id, rag: "GREEN", rationale: "   " });
    expect(blank.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    const first = await t.gql(screener, SCREEN, { id: n!.id, rag: "GREEN", rationale: "first" });
    expect(first.errors).toBeUndefined();
    const again = await t.gql(screener, SCREEN, { id: n!.id, rag: "GREEN", rationale: "again" });
    expect(again.errors?.[0]?.extensions?.["code"]).toBe("CONFLICT");
  });
});
