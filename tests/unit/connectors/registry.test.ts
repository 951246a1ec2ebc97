// The connectors' registry drives the hub: what is consumed, what is validated against what,
// and which agencies a token may name all follow from the list of adapters.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { Agency } from "#db/generated/enums.ts";
import { AGENCY_ADAPTERS, AGENCY_NAMES, adapterForType } from "#connectors/registry.ts";
import { agencyTopics } from "#consumers/agency-topics.ts";
import { topicNames } from "#consumers/topic-names.ts";
import { HUB_TOPICS } from "#kafka/topics.ts";
import { validateEvent } from "#ingestion/validate-event.ts";
import { createTokenVerifier } from "#auth/verify-token.ts";
import { signDevelopmentToken, type TokenClaims } from "#auth/sign-token.ts";

const fixtures = path.resolve(import.meta.dirname, "../../fixtures");
const NOW = new Date("2026-11-23T12:00:00Z");
const opts = { maxBytes: 256_000, now: NOW };

/** The contract's valid example of each event type, by type. */
const examples = new Map(
  readdirSync(path.join(fixtures, "contract-examples"))
    .filter((f) => f.startsWith("valid-"))
    .map((f) => {
      const text = readFileSync(path.join(fixtures, "contract-examples", f), "utf8");
      const event = JSON.parse(text) as Record<string, unknown>;
      return [event["type"] as string, event] as const;
    }),
);
const exampleOf = (type: string) => structuredClone(examples.get(type)!);

/** The rows of the contract's "Topics and types" table: [topic, source, type]. */
function contractTopics(): string[][] {
  const events = readFileSync(path.join(fixtures, "contract-events.md"), "utf8");
  return [
    ...events.matchAll(/^\| `(agency\.[a-z]+\.v1)` \| ([A-Z_]+) \| `([a-z.-]+\.v1)` \|/gm),
  ].map((m) => [m[1]!, m[2]!, m[3]!]);
}

describe("the registry of agency adapters", () => {
  it("has exactly one adapter for every agency the database knows", () => {
    expect([...AGENCY_NAMES].sort()).toEqual(Object.values(Agency).sort());
  });

  it("matches the contract's topics, sources and types, one adapter each", () => {
    const contract = contractTopics();
    expect(contract.length).toBeGreaterThanOrEqual(5);
    const registered = AGENCY_ADAPTERS.map((a) => [a.topic, a.source, a.eventType]);
    expect(registered.sort()).toEqual(contract.sort());
  });

  it("names each table it writes with the unique key a merge relies on", () => {
    const prisma = readFileSync(path.resolve(fixtures, "../../prisma/schema.prisma"), "utf8");
    for (const a of AGENCY_ADAPTERS) {
      for (const t of a.tables as ReadonlyArray<{ name: string; personKey?: readonly string[] }>) {
        const model = new RegExp(`^model ${t.name} \\{([^}]*)\\}`, "m").exec(prisma)?.[1];
        const unique = /@@unique\(\[([^\]]*)\]\)/.exec(model ?? "")?.[1]?.split(/,\s*/);
        expect(unique).toEqual(t.personKey ? ["personId", ...t.personKey] : expect.anything());
        if (!t.personKey) expect(unique).not.toContain("personId");
      }
    }
  });

  it("finds each adapter by its event type, and none for another type", () => {
    for (const a of AGENCY_ADAPTERS) expect(adapterForType(a.eventType)).toBe(a);
    expect(adapterForType("police.burglary.v9")).toBeUndefined();
    expect(adapterForType(42)).toBeUndefined();
  });
});

describe("the topics derived from the registry", () => {
  it("consume every adapter's topic, each for its own source only", () => {
    const consumed = agencyTopics("t1.");
    expect([...consumed.entries()].sort()).toEqual(
      AGENCY_ADAPTERS.map((a) => [
        `t1.${a.topic}`,
        { baseTopic: a.topic, source: a.source },
      ]).sort(),
    );
  });

  it("list every agency topic and the hub's own, once each", () => {
    const all = topicNames("t2.").all;
    const expected = [
      ...AGENCY_ADAPTERS.map((a) => `t2.${a.topic}`),
      ...Object.values(HUB_TOPICS).map((t) => `t2.${t}`),
    ];
    expect([...all].sort()).toEqual(expected.sort());
    expect(new Set(all).size).toBe(all.length);
  });
});

describe("validation derived from the registry", () => {
  it.each(AGENCY_ADAPTERS.map((a) => [a.eventType, a] as const))(
    "accepts the contract's example of %s",
    (type) => {
      const r = validateEvent(exampleOf(type), opts);
      expect(r.ok ? r.event.source : r.issues).toBe(adapterForType(type)?.source);
    },
  );

  it("refuses every type sent under another adapter's source", () => {
    for (const owner of AGENCY_ADAPTERS) {
      for (const other of AGENCY_ADAPTERS.filter((a) => a !== owner)) {
        const event = { ...exampleOf(owner.eventType), source: other.source };
        const r = validateEvent(event, opts);
        expect(r.ok || r.reason).toBe("TYPE_SOURCE_MISMATCH");
        expect(r.ok ? [] : r.issues.filter((i) => i.path === "type")).toEqual([
          {
            path: "type",
            message: `${owner.eventType} is an event type of ${owner.source}, not of ${other.source}`,
          },
        ]);
      }
    }
  });

  it("refuses on each adapter's topic an event of every other source", () => {
    for (const topic of AGENCY_ADAPTERS) {
      for (const other of AGENCY_ADAPTERS.filter((a) => a !== topic)) {
        const r = validateEvent(exampleOf(other.eventType), {
          ...opts,
          expectedSource: topic.source,
        });
        expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(["source"]);
      }
    }
  });

  it("refuses a far-future instant in each payload field an adapter names", () => {
    const named = AGENCY_ADAPTERS.flatMap((a) =>
      ("notInFuture" in a ? a.notInFuture : []).map((field) => [a.eventType, field] as const),
    );
    expect(named.length).toBeGreaterThan(0);
    for (const [type, field] of named) {
      const event = exampleOf(type);
      (event["payload"] as Record<string, unknown>)[field] = "2027-06-01T00:00:00Z";
      const r = validateEvent(event, opts);
      expect(r.ok ? [] : r.issues).toEqual([
        { path: `payload.${field}`, message: "is more than 24 hours in the future" },
      ]);
    }
  });
});

describe("the agency claim of a token", () => {
  const secret = "registry-test-secret-of-at-least-32-bytes";
  const verify = createTokenVerifier(
    { jwtSecret: secret, jwksUrl: undefined, issuer: undefined, audience: undefined },
    AGENCY_NAMES,
  );
  const bearer = async (agency: string) =>
    `Bearer ${await signDevelopmentToken(secret, {
      sub: "system-1",
      role: "AGENCY_SYSTEM",
      agency,
    } as TokenClaims)}`;

  it("may name every agency in the registry", async () => {
    for (const agency of AGENCY_NAMES) {
      expect((await verify(await bearer(agency))).agency).toBe(agency);
    }
  });

  it("may not name an agency the registry does not hold", async () => {
    await expect(verify(await bearer("NOT_AN_AGENCY"))).rejects.toThrow(
      "The token's claims are not acceptable",
    );
  });
});
