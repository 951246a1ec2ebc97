// Finding 16: POST /events answered 200 for a refused event (accepted:false), so an integrator
// who checks status codes believed it worked. Now: 202 accepted, 200 duplicate, 422 refused
// with every issue, 413 too large, 400 not JSON.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import type { EventJson } from "./event-json.ts";

const example = readFileSync(
  path.resolve(import.meta.dirname, "../../fixtures/contract-examples/valid-police-merlin.json"),
  "utf8",
);
const withId = (eventId: string, change: (e: EventJson) => void = () => undefined) => {
  const e = JSON.parse(example) as EventJson;
  e["eventId"] = eventId;
  change(e);
  return JSON.stringify(e);
};

describe("POST /events answers with the status of what happened", () => {
  let t: TestHub;
  let police: string;
  const post = (body: string | Buffer) =>
    fetch(`${t.url}/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${police}`, "content-type": "application/json" },
      body,
    });

  beforeAll(async () => {
    // a request may be up to 300 kB; an event up to 256 kB (the default)
    t = await startTestHub({ env: { MAX_REQUEST_BYTES: "300000" } });
    police = await t.token({ sub: "merlin", role: "AGENCY_SYSTEM", agency: "POLICE" });
  });
  afterAll(async () => t?.stop());

  it("202 for an event stored now, 200 for the same event again", async () => {
    const first = await post(withId("status-1"));
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ accepted: true, duplicate: false });
    const again = await post(withId("status-1"));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ accepted: true, duplicate: true });
  });

  it("422 with every issue for a refused event", async () => {
    const res = await post(
      withId("status-bad", (e) => {
        e["subject"].nhsNumber = "1234567890";
        e["payload"].riskLevel = "EXTREME";
        delete e["payload"].childPresent;
      }),
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { accepted: boolean; issues: Array<{ path: string }> };
    expect(body.accepted).toBe(false);
    expect(body.issues.map((i) => i.path).sort()).toEqual([
      "payload.childPresent",
      "payload.riskLevel",
      "subject.nhsNumber",
    ]);
  });

  it("400 for a body that is not JSON", async () => {
    const res = await post("this is not { json");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ accepted: false, issues: [{ path: "$" }] });
  });

  it("413 for a request over MAX_REQUEST_BYTES, and for an event over the event limit", async () => {
    const huge = await post(
      withId("status-huge", (e) => (e["payload"].summary = "x".repeat(400_000))),
    );
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ accepted: false, issues: [{ path: "$" }] });
    const big = await post(
      withId("status-big", (e) => (e["payload"].summary = "x".repeat(280_000))),
    );
    expect(big.status).toBe(413);
    expect(
      ((await big.json()) as { issues: Array<{ message: string }> }).issues[0]?.message,
    ).toMatch(/the limit is 256000/);
  });

  it("a batch: 202 when every event went in, 422 when any was refused (each answered in order)", async () => {
    const good = await post(`[${withId("batch-a")}, ${withId("batch-b")}]`);
    expect(good.status).toBe(202);
    const mixed = await post(
      `[${withId("batch-c")}, ${withId("batch-d", (e) => (e["payload"].riskLevel = "EXTREME"))}]`,
    );
    expect(mixed.status).toBe(422);
    const answers = (await mixed.json()) as Array<{ eventId: string; accepted: boolean }>;
    expect(answers.map((a) => [a.eventId, a.accepted])).toEqual([
      ["batch-c", true],
      ["batch-d", false],
    ]);
  });
});
