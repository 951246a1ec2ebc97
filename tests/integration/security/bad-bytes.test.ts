// Finding 11: a NUL byte or a lone surrogate in an event gave HTTP 500 and no rejected record;
// JSON nested 50,000 deep overflowed the stack. Now each is refused with a clear issue and kept
// as a rejected event — on POST /events, submitAgencyEvent and Kafka alike.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "#db/client.ts";
import type { KafkaClient } from "#kafka/client.ts";
import { topicNames } from "#consumers/topic-names.ts";
import { inject } from "../../support/provided.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { produce, readDeadLetters, testKafka, waitUntil } from "../ingestion/kafka-helpers.ts";

const example = readFileSync(
  path.resolve(import.meta.dirname, "../../fixtures/contract-examples/valid-police-merlin.json"),
  "utf8",
);

/** The example with its own event id, as JSON text with `patch` applied to the text. */
function eventText(eventId: string, patch: (json: string) => string = (j) => j): string {
  const e = JSON.parse(example) as { eventId: string };
  e.eventId = eventId;
  return patch(JSON.stringify(e));
}

const DEEP = 50_000;
const deepPayload = (eventId: string) =>
  eventText(eventId, (j) =>
    j.replace('"otherPersons":[', `"otherPersons":[${"[".repeat(DEEP)}${"]".repeat(DEEP)},`),
  );

const CASES: Array<{ name: string; body: (id: string) => string; path: RegExp; says: RegExp }> = [
  {
    name: "a NUL character in a name",
    body: (id) => eventText(id, (j) => j.replace('"Amelia"', '"Ame\\u0000lia"')),
    path: /^subject\.givenName$/,
    says: /NUL character/,
  },
  {
    name: "a lone surrogate in the police summary",
    body: (id) => eventText(id, (j) => j.replace('"Police called', '"\\udc00Police called')),
    path: /^payload\.summary$/,
    says: /lone surrogate/,
  },
  {
    name: "a NUL character in a field's name",
    body: (id) =>
      eventText(id, (j) => j.replace('"merlinRef"', '"merlin\\u0000Ref":"x","merlinRef"')),
    path: /^payload\.merlin\\u0000Ref$/,
    says: /its name contains a NUL character/,
  },
  {
    name: "JSON nested 50,000 deep",
    body: deepPayload,
    path: /^\$$/,
    says: /nested more than 32 levels deep/,
  },
];

describe("bad bytes in an agency event", () => {
  let t: TestHub;
  let db: Db;
  let kafka: KafkaClient;
  let police: string;
  const rejectedCount = () => db.rejectedEvent.count();

  beforeAll(async () => {
    t = await startTestHub({ kafka: true });
    db = createDb(t.db.url, 1);
    kafka = testKafka(inject("kafkaBrokers"));
    police = await t.token({ sub: "merlin", role: "AGENCY_SYSTEM", agency: "POLICE" });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.stop();
  });

  it.each(CASES)(
    "POST /events refuses $name with 422, the issue, and a rejected record",
    async (c) => {
      const before = await rejectedCount();
      const res = await fetch(`${t.url}/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${police}`, "content-type": "application/json" },
        body: c.body(`http-${c.name}`),
      });
      expect(res.status).toBe(422);
      const answer = (await res.json()) as {
        accepted: boolean;
        issues: Array<{ path: string; message: string }>;
      };
      expect(answer.accepted).toBe(false);
      expect(answer.issues).toContainEqual({
        path: expect.stringMatching(c.path),
        message: expect.stringMatching(c.says),
      });
      expect(await rejectedCount()).toBe(before + 1);
    },
  );

  it.each(CASES)(
    "submitAgencyEvent refuses $name with the issue, and a rejected record",
    async (c) => {
      const before = await rejectedCount();
      const res = await fetch(`${t.url}/graphql`, {
        method: "POST",
        headers: { authorization: `Bearer ${police}`, "content-type": "application/json" },
        body: `{"query":"mutation($e: JSON!) { submitAgencyEvent(event: $e) { accepted issues { path message } } }","variables":{"e":${c.body(`gql-${c.name}`)}}}`,
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        data: {
          submitAgencyEvent: {
            accepted: boolean;
            issues: Array<{ path: string; message: string }>;
          };
        };
      };
      expect(body.data.submitAgencyEvent.accepted).toBe(false);
      expect(body.data.submitAgencyEvent.issues).toContainEqual({
        path: expect.stringMatching(c.path),
        message: expect.stringMatching(c.says),
      });
      expect(await rejectedCount()).toBe(before + 1);
    },
  );

  it("bytes that are not UTF-8 are refused as not JSON (400), not read as something else", async () => {
    const bytes = Buffer.concat([
      Buffer.from(eventText("not-utf8").slice(0, 40)),
      Buffer.from([0xed, 0xb0, 0x80, 0xff]),
      Buffer.from(eventText("not-utf8").slice(40)),
    ]);
    const res = await fetch(`${t.url}/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${police}`, "content-type": "application/json" },
      body: bytes,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: unknown[] }).issues).toEqual([
      { path: "$", message: "is not valid UTF-8" },
    ]);
  });

  it("Kafka dead-letters each with the same issue at once, keeps a rejected record, and goes on", async () => {
    const names = topicNames(t.topicPrefix);
    const before = await db.rejectedEvent.count({ where: { via: "KAFKA" } });
    await produce(kafka, t.topicPrefix, [
      ...CASES.map((c) => ({
        topic: "agency.police.v1",
        key: c.name,
        value: Buffer.from(c.body(`kafka-${c.name}`)),
        kind: "BAD" as const,
      })),
      {
        topic: "agency.police.v1",
        key: "good",
        value: Buffer.from(eventText("kafka-good-after-bad")),
        kind: "VALID" as const,
      },
    ]);
    await waitUntil(
      async () =>
        (await db.inboundEvent.count({ where: { eventId: "kafka-good-after-bad" } })) === 1,
      "the good event after the bad ones",
    );
    let letters: Awaited<ReturnType<typeof readDeadLetters>> = [];
    await waitUntil(async () => {
      letters = await readDeadLetters(kafka, names.dlq);
      return letters.length >= CASES.length;
    }, "a dead letter for each bad event");
    for (const c of CASES) {
      const letter = letters.find((l) =>
        l.issues.some((i) => c.path.test(i.path) && c.says.test(i.message)),
      );
      expect(letter?.reason).toBe("INVALID");
      expect(letter?.issues).toContainEqual({
        path: expect.stringMatching(c.path),
        message: expect.stringMatching(c.says),
      });
    }
    expect(await db.rejectedEvent.count({ where: { via: "KAFKA" } })).toBe(before + CASES.length);
  });
});
