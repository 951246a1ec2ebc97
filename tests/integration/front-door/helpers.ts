// What the front door tests share: the operations as a client sends them, a complete
// professional referral (each test takes out or changes what it needs), children put in the
// hub through the push API as an agency would, and reading the hub's Kafka topic.
import { randomBytes } from "node:crypto";
import type { TestHub } from "../../support/hub.ts";
import { testKafka } from "../ingestion/kafka-helpers.ts";
import { hubTopicNames } from "#kafka/topics.ts";
import { newChild, type Child } from "../notifications/helpers.ts";

export const SUBMIT_REFERRAL = `mutation($input: ReferralInput!) {
  submitReferral(input: $input) { accepted notificationId missing { path message } } }`;
export const SUBMIT_EVENT = `mutation($event: JSON!) {
  submitAgencyEvent(event: $event) { accepted childId issues { path message } } }`;
export const SCREEN = `mutation($id: ID!, $rag: Rag!, $rationale: String!) {
  screenNotification(id: $id, rag: $rag, rationale: $rationale) { id status rag } }`;
export const DECIDE = `mutation($id: ID!, $outcome: Outcome!, $rationale: String!, $nextActions: [NextActionInput!], $advice: String) {
  decide(notificationId: $id, outcome: $outcome, rationale: $rationale, nextActions: $nextActions, advice: $advice) {
    id status nextActions
    decision { outcome rationale decidedBy withinTimescale dueBy level advice }
    actions { id action assignee dueBy completedAt }
  } }`;
export const NOTIFICATION_FIELDS = `id kind status proposedRag rag dueBy createdAt childId: child { id }
  reasons { ruleId rag evidence } nextActions referrerInformedAt
  referral { id referrer { name role email } concerns immediateRisk familyMembers { givenName relationship }
             previousSupport parentsInformed consent consentReason missing { path message } clientReference }
  decision { outcome withinTimescale level advice }
  escalations { id status raisedBy rationale resolution decisionChanged }
  actions { action assignee dueBy }`;

export function referralInput(
  child: Child = newChild(),
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    clientReference: `REF-${randomBytes(4).toString("hex")}`,
    subject: {
      nhsNumber: child.nhsNumber,
      givenName: child.givenName,
      familyName: child.familyName,
      dateOfBirth: child.dateOfBirth,
      postcode: "E1 6AN",
    },
    referrer: {
      name: "Sam Teacher",
      role: "SCHOOL",
      organisation: "Hill Primary",
      email: "dsl@hill-primary.example.org",
      phone: "020 7946 0000",
    },
    concerns:
      "Amelia came to school with bruising to her arm and said she was scared to go home tonight.",
    immediateRisk: false,
    familyMembers: [
      {
        givenName: "Jo",
        familyName: child.familyName,
        relationship: "MOTHER",
        livesWithChild: true,
      },
    ],
    previousSupport: "School pastoral support since September; no early help assessment yet.",
    parentsInformed: true,
    consent: "GIVEN",
    consentReason: null,
    ...over,
  };
}

/** A child the hub knows through a police event (and the child's id). */
export async function knownChild(
  t: TestHub,
  over: { category?: string; riskLevel?: string } = {},
  child: Child = newChild(),
): Promise<{ child: Child; childId: string }> {
  const police = await t.token({ sub: "merlin", role: "AGENCY_SYSTEM", agency: "POLICE" });
  const res = await t.gql<{ submitAgencyEvent: { accepted: boolean; childId: string } }>(
    police,
    SUBMIT_EVENT,
    {
      event: {
        eventId: randomBytes(8).toString("hex"),
        source: "POLICE",
        type: "police.merlin.v1",
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        subject: { sourcePersonId: `MERLIN-${child.nhsNumber}`, ...child, postcode: "E1 6AN" },
        payload: {
          merlinRef: `MER-${randomBytes(4).toString("hex")}`,
          category: over.category ?? "DOMESTIC_ABUSE",
          riskLevel: over.riskLevel ?? "STANDARD",
          childPresent: false,
          summary: "Officers attended a neighbour dispute; the child was asleep upstairs.",
          officer: { collarNumber: "4321CE", unit: "CAIT" },
          otherPersons: [],
        },
      },
    },
  );
  if (!res.data?.submitAgencyEvent.accepted) {
    throw new Error(`event refused: ${JSON.stringify(res.errors ?? res.data)}`);
  }
  return { child, childId: res.data.submitAgencyEvent.childId };
}

export interface HubMessage {
  change: string;
  notificationId?: string;
  [key: string]: unknown;
}

/** Every message on the hub's mash.notifications.v1 topic so far, read by a fresh group. */
export async function readNotificationTopic(
  brokers: string,
  prefix: string,
  until: (messages: HubMessage[]) => boolean,
  limitMs = 60_000,
): Promise<HubMessage[]> {
  const kafka = testKafka(brokers);
  const topic = hubTopicNames(prefix).notifications;
  const consumer = kafka.consumer(`fd-reader-${randomBytes(4).toString("hex")}`);
  const messages: HubMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`gave up waiting on ${topic}: ${messages.length} messages`)),
        limitMs,
      );
      void consumer.run({
        eachMessage: async ({ message }) => {
          messages.push(JSON.parse(String(message.value)) as HubMessage);
          if (until(messages)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
