import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../../support/provided.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { topicNames } from "#consumers/topic-names.ts";
import type { KafkaClient } from "#kafka/client.ts";
import type { TestDatabase } from "../../support/database.ts";
import { createTestDatabase } from "../../support/database.ts";
import { produce, readDeadLetters, testKafka, waitUntil } from "./kafka-helpers.ts";

// the contract's example events, copied into the repository (tests/fixtures/contract-examples)
const examples = path.resolve(import.meta.dirname, "../../fixtures/contract-examples");
const read = (f: string) => readFileSync(path.join(examples, f));
const SUBMIT = `mutation($event: JSON!) {
  submitAgencyEvent(event: $event) { accepted eventId childId duplicate issues { path message } }
}`;

interface Result {
  accepted: boolean;
  eventId: string;
  childId: string | null;
  duplicate: boolean;
  issues: Array<{ path: string; message: string }>;
}

describe("the push API for agencies without Kafka", () => {
  let hub: TestHub;
  let database: TestDatabase;
  let kafka: KafkaClient;
  let police: string;
  let health: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    hub = await startTestHub({ kafka: true, database });
    kafka = testKafka(inject("kafkaBrokers"));
    police = await hub.token({ sub: "merlin-gateway", role: "AGENCY_SYSTEM", agency: "POLICE" });
    health = await hub.token({ sub: "ed-feed", role: "AGENCY_SYSTEM", agency: "HEALTH" });
  });
  afterAll(async () => {
    await hub?.stop();
    await database?.drop();
  });

  const post = (token: string | undefined, body: string) =>
    fetch(`${hub.url}/events`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body,
    });

  it("answers 401 to POST /events without a valid token", async () => {
    expect((await post(undefined, read("valid-police-merlin.json").toString())).status).toBe(401);
    expect((await post("not-a-jwt", read("valid-police-merlin.json").toString())).status).toBe(401);
  });

  it("accepts a police system's own event once, then answers duplicate for the same content", async () => {
    const body = read("valid-police-merlin.json").toString();
    const first = (await (await post(police, body)).json()) as Result;
    expect(first).toMatchObject({ accepted: true, duplicate: false, issues: [] });
    expect(first.eventId).toBe("9b2e6f0a-3c1d-4f7e-8a52-0d4c3b1e7a90");
    expect(first.childId).toEqual(expect.any(String));
    const again = (await (await post(police, body)).json()) as Result;
    expect(again).toMatchObject({ accepted: true, duplicate: true, childId: first.childId });
  });

  it("refuses the same event id with different content as a conflict, keeping the first", async () => {
    const changed = JSON.parse(read("valid-police-merlin.json").toString()) as {
      payload: { riskLevel: string };
    };
    changed.payload.riskLevel = "HIGH";
    const r = (await (await post(police, JSON.stringify(changed))).json()) as Result;
    expect(r.accepted).toBe(false);
    expect(r.issues.map((i) => i.path)).toEqual(["eventId"]);
  });

  it("forbids a police system from submitting a health event, over HTTP and GraphQL", async () => {
    const event = read("valid-health-ed-attendance.json").toString();
    const res = await post(police, event);
    expect(res.status).toBe(403);
    const gql = await hub.gql(police, SUBMIT, { event: JSON.parse(event) });
    expect(gql.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
    const batch = await post(police, `[${read("valid-police-merlin.json")}, ${event}]`);
    expect(batch.status).toBe(403);
  });

  it("forbids people (not agency systems) from submitting events", async () => {
    const screener = await hub.token({ sub: "s1", role: "MASH_SCREENER" });
    const gql = await hub.gql(screener, SUBMIT, {
      event: JSON.parse(read("valid-police-merlin.json").toString()),
    });
    expect(gql.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
  });

  it("answers a batch event by event, in order", async () => {
    const ok = JSON.parse(read("valid-police-merlin.json").toString()) as { eventId: string };
    ok.eventId = "batch-1";
    const bad = read("invalid-unknown-category.json").toString();
    const res = await post(police, `[${JSON.stringify(ok)}, ${bad}]`);
    const results = (await res.json()) as Result[];
    expect(results.map((r) => [r.eventId, r.accepted])).toEqual([
      ["batch-1", true],
      ["bad-4", false],
    ]);
  });

  it("answers the same issues as the dead letters of the same events sent through Kafka", async () => {
    const files = readdirSync(examples).filter((f) => f.startsWith("invalid-"));
    const names = topicNames(hub.topicPrefix);
    await produce(
      kafka,
      hub.topicPrefix,
      files.map((f) => ({
        topic: f.includes("attended")
          ? "agency.education.v1"
          : f.includes("missing")
            ? "agency.health.v1"
            : "agency.police.v1",
        key: f,
        value: read(f),
        kind: "BAD" as const,
      })),
    );
    let letters: Awaited<ReturnType<typeof readDeadLetters>> = [];
    await waitUntil(async () => {
      letters = await readDeadLetters(kafka, names.dlq);
      return letters.length >= files.length;
    }, "dead letters for every invalid example");

    const educationToken = await hub.token({
      sub: "sims",
      role: "AGENCY_SYSTEM",
      agency: "EDUCATION",
    });
    for (const file of files) {
      const raw = read(file);
      const letter = letters.find((l) => Buffer.from(l.originalBase64, "base64").equals(raw));
      expect(letter).toBeDefined();
      const token = file.includes("attended")
        ? educationToken
        : file.includes("missing") || file.includes("mismatch")
          ? health
          : police;
      const res = await post(token, raw.toString());
      // a refused event is not a success: 400 when it is not JSON, 422 otherwise
      expect(res.status).toBe(file.endsWith(".txt") ? 400 : 422);
      const answer = (await res.json()) as Result;
      expect(answer.accepted).toBe(false);
      const topicOnly = letter?.issues.filter((i) => i.path !== "source") ?? [];
      expect(answer.issues).toEqual(topicOnly);
    }
  });
});
