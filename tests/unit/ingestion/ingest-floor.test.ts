// The bench's ingest floor (tools/bench/support/ingest-floor.ts) keeps what the hub would claim
// from the stream — every JSON event with a source and an eventId, hashed over its bytes — and
// leaves out, rather than failing its chunk on, what PostgreSQL could not store as jsonb.
import { createHash } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { claimOf } from "#bench/support/ingest-floor.ts";
import { planStream } from "../../integration/ingestion/event-stream.ts";

describe("the ingest floor's claim", () => {
  it("takes source, eventId and the sha-256 of the bytes from an agency event", () => {
    const value = Buffer.from(JSON.stringify({ eventId: "E-1", source: "POLICE", payload: {} }));
    expect(claimOf(value)).toEqual({
      source: "POLICE",
      eventId: "E-1",
      hash: createHash("sha256").update(value).digest("hex"),
      body: value.toString("utf8"),
    });
  });

  it.each([
    ["a truncated message", '{"eventId": "bad-0", "source": '],
    ["JSON that is not an object", '["E-1", "POLICE"]'],
    ["an event without an eventId", '{"source": "POLICE"}'],
    ["an eventId that is not text", '{"eventId": 7, "source": "POLICE"}'],
    ["a NUL escape jsonb refuses", '{"eventId": "E-2", "source": "HEALTH", "note": "a\\u0000b"}'],
  ])("leaves out %s", (_what, text) => {
    expect(claimOf(Buffer.from(text))).toBeUndefined();
  });

  it("claims every message of the bench's stream but the bad ones that are not JSON", () => {
    const plan = planStream(2_000, 5);
    const left = plan.messages.filter((m) => claimOf(m.value) === undefined);
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(plan.bad);
    for (const m of left) {
      expect(m.kind).toBe("BAD");
      expect(() => JSON.parse(m.value.toString("utf8"))).toThrow(SyntaxError);
    }
  });
});
