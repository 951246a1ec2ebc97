// Real parts for the notification and alert tests (and tools/bench/scenarios/alert-latency.ts, so
// no test-runner import here): an SMTP server (smtp-server) that records what
// it receives, a graphql-ws client, agency events on Kafka, and polling until a condition holds.
import { randomBytes, randomInt } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { createKafkaClient, type Producer } from "#kafka/client.ts";
import { topicNames } from "#consumers/topic-names.ts";
import { createLogger } from "#logging/logger.ts";

export interface ReceivedMail {
  to: string[];
  messageId: string | undefined;
  raw: string;
}

export interface SmtpSink {
  port: number;
  url: string;
  mails: ReceivedMail[];
  stop(): Promise<void>;
  /** Starts again on the same port (after stop), to stand in for an SMTP server coming back. */
  restart(): Promise<void>;
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  let bound = port;
  const listen = async () => {
    const s = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        let raw = "";
        stream.on("data", (d: Buffer) => (raw += d.toString("utf8")));
        stream.on("end", () => {
          const id = /^message-id:\s*(.+)$/im.exec(raw)?.[1]?.trim();
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), messageId: id, raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      s.once("error", reject);
      s.listen(bound, "127.0.0.1", () => resolve());
    });
    bound = (s.server.address() as AddressInfo).port;
    server = s;
  };
  await listen();
  return {
    get port() {
      return bound;
    },
    get url() {
      return `smtp://127.0.0.1:${bound}`;
    },
    mails,
    async stop() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    },
    restart: listen,
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `limitMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  limitMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`still waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface LiveAlert {
  id: string;
  rag: string;
  recipient: string;
  channels: string[];
  notification: { id: string; proposedRag: string; rag: string | null };
}

export interface AlertSubscription {
  received: LiveAlert[];
  close(): Promise<void>;
}

/** A real graphql-ws client subscribed to alertRaised with the given token. */
export async function subscribeAlerts(hubUrl: string, token: string): Promise<AlertSubscription> {
  const received: LiveAlert[] = [];
  const client: Client = createClient({
    url: hubUrl.replace(/^http/, "ws") + "/graphql",
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
  });
  let ack!: () => void;
  const connected = new Promise<void>((r) => (ack = r));
  client.on("connected", () => ack());
  client.subscribe<{ alertRaised: LiveAlert }>(
    {
      query: `subscription { alertRaised { id rag recipient channels notification { id proposedRag rag } } }`,
    },
    {
      next: (msg) => {
        if (msg.data) received.push(msg.data.alertRaised);
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  await connected;
  // the subscribe message is sent right after connection_ack; give the server its turn
  await new Promise((r) => setTimeout(r, 200));
  return {
    received,
    async close() {
      await client.dispose();
    },
  };
}

/** A valid NHS number (modulus 11 check digit), different each call. */
export function nhsNumber(): string {
  for (;;) {
    const d = Array.from({ length: 9 }, () => randomInt(0, 10));
    const sum = d.reduce((s, x, i) => s + x * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return d.join("") + String(check === 11 ? 0 : check);
  }
}

export interface Child {
  nhsNumber: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
}

export const newChild = (dateOfBirth = "2019-03-02"): Child => ({
  nhsNumber: nhsNumber(),
  givenName: "Amelia",
  familyName: `Test${randomBytes(3).toString("hex")}`,
  dateOfBirth,
});

const iso = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

export function earlyHelpEvent(child: Child, people: { lead: string; manager: string }) {
  return {
    eventId: `EH-${randomBytes(4).toString("hex")}`,
    source: "EARLY_HELP",
    type: "earlyhelp.episode.v1",
    occurredAt: iso(60),
    subject: { sourcePersonId: `EHM-${child.nhsNumber}`, ...child, postcode: "E1 6AN" },
    payload: {
      episodeId: `EP-${randomBytes(3).toString("hex")}`,
      status: "OPEN",
      openedAt: iso(60),
      closedAt: null,
      familyId: `FAM-${randomBytes(3).toString("hex")}`,
      leadProfessional: { id: people.lead, name: "Lead Pro", email: `${people.lead}@example.org` },
      earlyHelpManager: {
        id: people.manager,
        name: "EH Manager",
        email: `${people.manager}@example.org`,
      },
    },
  };
}

export function policeEvent(
  child: Child,
  over: { category: string; riskLevel: string; childPresent: boolean },
) {
  return {
    eventId: randomBytes(8).toString("hex"),
    source: "POLICE",
    type: "police.merlin.v1",
    occurredAt: iso(5),
    subject: { sourcePersonId: `MERLIN-${child.nhsNumber}`, ...child, postcode: "E1 6AN" },
    payload: {
      merlinRef: `MER-${randomBytes(4).toString("hex")}`,
      ...over,
      summary: "Test incident.",
      officer: { collarNumber: "1234CE", unit: "CAIT" },
      otherPersons: [],
    },
  };
}

export interface AgencyProducer {
  send(event: { source: string; subject: { sourcePersonId: string } }): Promise<void>;
  stop(): Promise<void>;
}

/** Produces agency events on the hub's own (prefixed) topics, keyed by sourcePersonId. */
export async function agencyProducer(
  topicPrefix: string,
  brokers: string,
): Promise<AgencyProducer> {
  const kafka = createKafkaClient(
    { brokers: brokers.split(","), clientId: "notifications-test" },
    createLogger("silent"),
  );
  const producer: Producer = kafka.producer();
  await producer.connect();
  const topics = topicNames(topicPrefix).agency as Record<string, string>;
  return {
    async send(event) {
      const topic = topics[event.source];
      if (!topic) throw new Error(`no topic for ${event.source}`);
      await producer.send({
        topic,
        messages: [{ key: event.subject.sourcePersonId, value: JSON.stringify(event) }],
      });
    },
    stop: () => producer.disconnect(),
  };
}
