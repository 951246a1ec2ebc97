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

const fastRetry = {
  ALERT_EMAIL_POLL_MS: "100",
  ALERT_EMAIL_RETRY_BASE_MS: "100",
  ALERT_EMAIL_RETRY_MAX_MS: "300",
  MASH_DUTY_EMAIL: "duty@mash.example.org",
};
const SUBMIT = `mutation($event: JSON!) { submitAgencyEvent(event: $event) { accepted childId issues { path message } } }`;
const settle = () => new Promise((r) => setTimeout(r, 1_000));

describe("an alert e-mail while the SMTP server is down", () => {
  let smtp: SmtpSink;
  let t: TestHub;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    await smtp.stop(); // down from the start; its port is known
    t = await startTestHub({ env: { SMTP_URL: smtp.url, ...fastRetry } });
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  it("is kept, retried, and arrives once after the server comes back", async () => {
    const police = await t.token({ sub: "merlin", role: "AGENCY_SYSTEM", agency: "POLICE" });
    const res = await t.gql<{ submitAgencyEvent: { accepted: boolean } }>(police, SUBMIT, {
      event: policeEvent(newChild(), {
        category: "SEXUAL_ABUSE",
        riskLevel: "HIGH",
        childPresent: true,
      }),
    });
    expect(res.data?.submitAgencyEvent.accepted).toBe(true);
    const db = t.hub.services.db;
    const failing = await eventually("two failed attempts", async () => {
      const a = await db.alert.findFirst({ where: { recipient: "MASH_DUTY" } });
      return a && a.emailAttempts >= 2 ? a : undefined;
    });
    expect(failing.emailStatus).toBe("PENDING");
    expect(failing.emailLastError).toBeTruthy();
    expect(smtp.mails).toEqual([]);

    await smtp.restart();
    const mail = await eventually("the e-mail", () => smtp.mails[0]);
    expect(mail.to).toEqual(["duty@mash.example.org"]);
    expect(mail.messageId).toBe(`<alert-${failing.id}@mash-hub>`);
    await eventually(
      "the alert marked sent",
      async () =>
        (await db.alert.findUniqueOrThrow({ where: { id: failing.id } })).emailStatus === "SENT",
    );
    await settle(); // several more worker passes
    expect(smtp.mails).toHaveLength(1);
  });
});

describe("two hub replicas on one database and broker", () => {
  let smtp: SmtpSink;
  let a: TestHub;
  let b: TestHub;
  let producer: AgencyProducer;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    a = await startTestHub({
      kafka: true,
      env: { SMTP_URL: smtp.url, HUB_INSTANCE_ID: "hub-a", ...fastRetry },
    });
    // b consumes nothing: every event is consumed by a; both run the e-mail worker
    b = await startTestHub({
      database: a.db,
      env: { SMTP_URL: smtp.url, HUB_INSTANCE_ID: "hub-b", ...fastRetry },
    });
    producer = await agencyProducer(a.topicPrefix, inject("kafkaBrokers"));
  });
  afterAll(async () => {
    await producer?.stop();
    await b?.stop();
    await a?.stop();
    await smtp?.stop();
  });

  it("pushes an alert raised on one replica to a subscriber on the other, and sends each e-mail once", async () => {
    const child = newChild();
    const lead = "lp-replica-1";
    const manager = "ehm-replica-1";
    const leadLive = await subscribeAlerts(
      b.url,
      await b.token({ sub: lead, role: "LEAD_PROFESSIONAL" }),
    );
    const mashLive = await subscribeAlerts(
      b.url,
      await b.token({ sub: "scr-b", role: "MASH_SCREENER" }),
    );

    await producer.send(earlyHelpEvent(child, { lead, manager }));
    await eventually("the early help episode", () =>
      a.hub.services.db.earlyHelpEpisode.count().then((n) => n > 0),
    );
    await producer.send(
      policeEvent(child, {
        category: "CHILD_CRIMINAL_EXPLOITATION",
        riskLevel: "MEDIUM",
        childPresent: false,
      }),
    );

    // proposed RED, raised by hub a's consumer, reaches the MASH subscriber on hub b
    const red = await eventually("the MASH alert on hub b", () => mashLive.received[0]);
    expect(red).toMatchObject({ rag: "RED", recipient: "ROLE:MASH" });

    const screener = await a.token({ sub: "scr-a", role: "MASH_SCREENER" });
    const screened = await a.gql(
      screener,
      `mutation($id: ID!) { screenNotification(id: $id, rag: RED, rationale: "Exploitation risk") { id } }`,
      {
        id: red.notification.id,
      },
    );
    expect(screened.errors).toBeUndefined();
    const pushed = await eventually(
      "the lead professional's alert on hub b",
      () => leadLive.received[0],
    );
    expect(pushed).toMatchObject({ rag: "RED", recipient: lead });
    expect(leadLive.received.every((x) => x.recipient === lead)).toBe(true);

    // duty (proposed), duty (screened), lead, manager: four e-mails, each sent once
    await eventually(
      "every e-mail sent",
      async () =>
        (await a.hub.services.db.alert.count({ where: { emailStatus: "PENDING" } })) === 0 &&
        smtp.mails.length >= 4,
    );
    await settle();
    const ids = smtp.mails.map((m) => m.messageId);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(smtp.mails.flatMap((m) => m.to).sort()).toEqual(
      [
        "duty@mash.example.org",
        "duty@mash.example.org",
        `${manager}@example.org`,
        `${lead}@example.org`,
      ].sort(),
    );
    await leadLive.close();
    await mashLive.close();
  });
});
