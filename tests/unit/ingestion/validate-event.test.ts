import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { validateEvent } from "#ingestion/validate-event.ts";
import { canonicalJson, contentHash } from "#ingestion/canonical-json.ts";

// the contract's example events, copied into the repository (tests/fixtures/contract-examples)
const examples = path.resolve(import.meta.dirname, "../../fixtures/contract-examples");
const NOW = new Date("2026-11-23T12:00:00Z");
const opts = { maxBytes: 256_000, now: NOW };
const read = (file: string) => readFileSync(path.join(examples, file));
const example = (file: string) => JSON.parse(read(file).toString()) as Record<string, unknown>;
const issuesOf = (raw: Buffer | object, o = opts) => {
  const r = validateEvent(raw, o);
  return r.ok ? [] : r.issues;
};

describe("the contract's examples", () => {
  const files = readdirSync(examples);

  it.each(files.filter((f) => f.startsWith("valid-")))("accepts %s", (file) => {
    const r = validateEvent(read(file), opts);
    expect(r.ok ? "accepted" : r.issues).toBe("accepted");
  });

  it.each(files.filter((f) => f.startsWith("invalid-")))("rejects %s", (file) => {
    expect(validateEvent(read(file), opts).ok).toBe(false);
  });

  it("names payload.injury when an attendance leaves it out", () => {
    expect(issuesOf(read("invalid-missing-payload-field.json"))).toEqual([
      { path: "payload.injury", message: "is required" },
    ]);
  });

  it("names subject.nhsNumber when its check digit is wrong", () => {
    expect(issuesOf(read("invalid-bad-nhs-number.json")).map((i) => i.path)).toEqual([
      "subject.nhsNumber",
    ]);
  });

  it("names payload.attendedSessions when more sessions are attended than possible", () => {
    expect(issuesOf(read("invalid-attended-more-than-possible.json"))).toEqual([
      {
        path: "payload.attendedSessions",
        message: "250 attended is more than the 200 possible sessions",
      },
    ]);
  });

  it("names the type when it belongs to another source", () => {
    const r = validateEvent(read("invalid-type-source-mismatch.json"), opts);
    expect(r.ok || r.reason).toBe("TYPE_SOURCE_MISMATCH");
    expect(issuesOf(read("invalid-type-source-mismatch.json"))[0]?.path).toBe("type");
  });

  it("names payload.category when the police category is not one of the list", () => {
    expect(issuesOf(read("invalid-unknown-category.json")).map((i) => i.path)).toEqual([
      "payload.category",
    ]);
  });

  it("says a cut-off message is not JSON", () => {
    const r = validateEvent(read("invalid-not-json.txt"), opts);
    expect(r.ok || r.reason).toBe("NOT_JSON");
    expect(issuesOf(read("invalid-not-json.txt"))[0]?.path).toBe("$");
  });
});

describe("validating an event", () => {
  const police = () => example("valid-police-merlin.json");

  it("reports every issue at once, each with its own path", () => {
    const e = police();
    (e["subject"] as Record<string, unknown>)["nhsNumber"] = "1234567890";
    (e["payload"] as Record<string, unknown>)["riskLevel"] = "EXTREME";
    delete (e["payload"] as Record<string, unknown>)["childPresent"];
    expect(
      issuesOf(e)
        .map((i) => i.path)
        .sort(),
    ).toEqual(["payload.childPresent", "payload.riskLevel", "subject.nhsNumber"]);
  });

  it("names an array element by its index", () => {
    const e = police();
    const others = (e["payload"] as { otherPersons: Array<Record<string, unknown>> }).otherPersons;
    (others[1] as Record<string, unknown>)["role"] = "NEIGHBOUR";
    expect(issuesOf(e).map((i) => i.path)).toEqual(["payload.otherPersons[1].role"]);
  });

  it("refuses an unknown event type and still checks the envelope", () => {
    const e = police();
    e["type"] = "police.burglary.v9";
    delete e["eventId"];
    const r = validateEvent(e, opts);
    expect(r.ok || r.reason).toBe("UNKNOWN_TYPE");
    expect(issuesOf(e).map((i) => i.path)).toEqual(["type", "eventId"]);
  });

  it("accepts an occurredAt up to 24 hours ahead (clock skew) and refuses one beyond", () => {
    const e = police();
    e["occurredAt"] = new Date(NOW.getTime() + 23 * 3_600_000).toISOString();
    expect(validateEvent(e, opts).ok).toBe(true);
    e["occurredAt"] = new Date(NOW.getTime() + 25 * 3_600_000).toISOString();
    expect(issuesOf(e)).toEqual([
      { path: "occurredAt", message: "is more than 24 hours in the future" },
    ]);
  });

  it("refuses a date of birth in the future", () => {
    const e = police();
    (e["subject"] as Record<string, unknown>)["dateOfBirth"] = "2027-06-01";
    expect(issuesOf(e).map((i) => i.path)).toEqual(["subject.dateOfBirth"]);
  });

  it("refuses an impossible calendar date", () => {
    const e = police();
    (e["subject"] as Record<string, unknown>)["dateOfBirth"] = "2019-02-30";
    expect(issuesOf(e).map((i) => i.path)).toEqual(["subject.dateOfBirth"]);
  });

  it("accepts an unborn child with an expected due date and no date of birth", () => {
    const e = example("valid-cpis-plan.json");
    const subject = e["subject"] as Record<string, unknown>;
    delete subject["dateOfBirth"];
    subject["expectedDueDate"] = "2027-02-01";
    (e["payload"] as Record<string, unknown>)["planType"] = "UCPP";
    expect(validateEvent(e, opts).ok).toBe(true);
    delete subject["expectedDueDate"];
    expect(issuesOf(e).map((i) => i.path)).toEqual(["subject.dateOfBirth"]);
  });

  it("refuses an event larger than the limit, whichever way it came", () => {
    const e = police();
    (e["payload"] as Record<string, unknown>)["summary"] = "x".repeat(500);
    const bytes = Buffer.from(JSON.stringify(e));
    const small = { maxBytes: bytes.length - 1, now: NOW };
    expect(validateEvent(bytes, small).ok || "refused").toBe("refused");
    const r = validateEvent(e, small);
    expect(r.ok || r.reason).toBe("TOO_LARGE");
    expect(validateEvent(bytes, { maxBytes: bytes.length, now: NOW }).ok).toBe(true);
  });

  it("refuses JSON that is not one object", () => {
    for (const raw of ["[]", "null", "42", '"text"']) {
      expect(issuesOf(Buffer.from(raw))).toEqual([
        { path: "$", message: "must be one JSON object (the event envelope)" },
      ]);
    }
  });

  it("refuses an event of another source on a topic that carries one source", () => {
    const r = validateEvent(read("valid-health-ed-attendance.json"), {
      ...opts,
      expectedSource: "POLICE",
    });
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(["source"]);
  });

  it("refuses education returns whose attended and unauthorised sessions exceed the possible", () => {
    const e = example("valid-education-attendance.json");
    (e["payload"] as Record<string, unknown>)["unauthorisedAbsenceSessions"] = 40;
    expect(issuesOf(e).map((i) => i.path)).toEqual(["payload.unauthorisedAbsenceSessions"]);
  });

  it("refuses an ended CP-IS plan without an end date", () => {
    const e = example("valid-cpis-plan.json");
    (e["payload"] as Record<string, unknown>)["status"] = "ENDED";
    expect(issuesOf(e).map((i) => i.path)).toEqual(["payload.endDate"]);
  });

  it("never throws, whatever the bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = validateEvent(Buffer.from(bytes), opts);
        return r.ok || r.issues.length > 0;
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = validateEvent(Buffer.from(JSON.stringify(value) ?? "null"), opts);
        return r.ok || r.issues.every((i) => i.path.length > 0 && i.message.length > 0);
      }),
    );
  });
});

describe("the content hash", () => {
  it("is the same whatever order the keys arrive in", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        return contentHash(obj) === contentHash(reversed);
      }),
    );
  });

  it("differs when any value differs", () => {
    expect(contentHash({ a: 1, b: [1, 2] })).not.toBe(contentHash({ a: 1, b: [2, 1] }));
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: null })).toBe('{"a":null,"b":{"c":2,"d":1}}');
  });
});
