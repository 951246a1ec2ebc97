// Finding 3: recordConsent with an impossible expiresAt passed the DateTime scalar, failed in
// Prisma, and the error log printed Prisma's whole `data`, justification included; an
// impossible dateOfBirth in findChildren was logged the same way. Now the scalars refuse
// impossible dates naming the argument, and error logs carry names and codes only. This runs a
// hub process through the failing paths with a seeded child and greps its whole log.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { signDevelopmentToken } from "#auth/sign-token.ts";
import { createTestDatabase, type TestDatabase } from "../../support/database.ts";
import { TEST_AUDIT_CHAIN_KEY, TEST_JWT_SECRET } from "../../support/hub.ts";
import { startCapturedHub, type CapturedHub } from "./hub-output.ts";
import { waitUntil } from "../ingestion/kafka-helpers.ts";
import type { EventJson } from "./event-json.ts";

const example = readFileSync(
  path.resolve(import.meta.dirname, "../../fixtures/contract-examples/valid-police-merlin.json"),
  "utf8",
);
// what the seeded child and the requests say: none of it may reach the log
const PERSONAL = [
  "Amelia",
  "Jones",
  "9434765919",
  "2019-03-02",
  "E1 6AN",
  "Dean",
  "Carter",
  "1990-07-14",
  "verbal argument",
  "Zephyrine", // a justification's words
  "Quarrendon",
];
const JUSTIFICATION = "Strategy meeting: Zephyrine Quarrendon disclosed harm at home";

describe("personal data in the hub's log", () => {
  let database: TestDatabase;
  let hub: CapturedHub;
  let manager: string;
  let screener: string;
  let childId: string;
  const gql = async (token: string, query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(`${hub.url}/graphql`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as {
      data?: unknown;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    hub = await startCapturedHub({
      NODE_ENV: "development",
      LOG_LEVEL: "debug",
      DATABASE_URL: database.runtimeUrl,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      AUDIT_CHAIN_KEY: TEST_AUDIT_CHAIN_KEY,
    });
    const police = await signDevelopmentToken(TEST_JWT_SECRET, {
      sub: "merlin",
      role: "AGENCY_SYSTEM",
      agency: "POLICE",
    });
    manager = await signDevelopmentToken(TEST_JWT_SECRET, { sub: "m1", role: "MASH_MANAGER" });
    screener = await signDevelopmentToken(TEST_JWT_SECRET, { sub: "s1", role: "MASH_SCREENER" });
    const post = (body: string) =>
      fetch(`${hub.url}/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${police}`, "content-type": "application/json" },
        body,
      });
    childId = ((await (await post(example)).json()) as { childId: string }).childId;
    // refused events carrying the same personal data: invalid, conflicting, NUL, not JSON
    const e = JSON.parse(example) as EventJson;
    await post(JSON.stringify({ ...e, payload: { ...e["payload"], riskLevel: "EXTREME" } }));
    await post(JSON.stringify({ ...e, payload: { ...e["payload"], riskLevel: "HIGH" } }));
    await post(example.replace('"Amelia"', '"Amelia\\u0000"').replace(e["eventId"], "nul-1"));
    await post(example.slice(0, 200));
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
    await database?.drop();
  });

  it("an impossible expiresAt is refused by the scalar, naming the argument", async () => {
    const literal = await gql(
      manager,
      `mutation { recordConsent(input: { childId: "${childId}", status: OVERRIDDEN, scope: [POLICE],
        legalBasis: S47_SIGNIFICANT_HARM, justification: "${JUSTIFICATION}",
        expiresAt: "2026-13-45T99:99Z" }) { id } }`,
    );
    expect(literal.errors?.[0]?.message).toMatch(
      /^Argument "input\.expiresAt": DateTime must be a real date and time .*month 13 does not exist/,
    );
    const variable = await gql(
      manager,
      "mutation ($input: ConsentInput!) { recordConsent(input: $input) { id } }",
      {
        input: {
          childId,
          status: "OVERRIDDEN",
          scope: ["POLICE"],
          legalBasis: "S47_SIGNIFICANT_HARM",
          justification: JUSTIFICATION,
          expiresAt: "2027-02-29T10:00:00Z",
        },
      },
    );
    expect(variable.errors?.[0]?.message).toMatch(/input\.expiresAt.*day 29 does not exist/);
  });

  it("an impossible dateOfBirth in findChildren is refused, naming the argument", async () => {
    const res = await gql(
      screener,
      `{ findChildren(search: { givenName: "Amelia", familyName: "Jones", dateOfBirth: "2019-02-30", postcode: "E1 6AN", nhsNumber: "9434765919" }) { score } }`,
    );
    expect(res.errors?.[0]?.message).toMatch(
      /^Argument "search\.dateOfBirth": Date must be a real calendar date.*day 30 does not exist/,
    );
  });

  it("a database error that quotes what it refused is logged by name and code only", async () => {
    // the database refuses the insert and quotes the justification back (as a check would)
    const su = new pg.Client({ connectionString: database.url });
    await su.connect();
    await su.query(`CREATE FUNCTION refuse_consent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused consent for %: %', NEW."personId", NEW.justification; END $$`);
    await su.query(
      `CREATE TRIGGER refuse_consent BEFORE INSERT ON "ConsentRecord" FOR EACH ROW EXECUTE FUNCTION refuse_consent()`,
    );
    await su.end();
    const res = await gql(
      manager,
      "mutation ($input: ConsentInput!) { recordConsent(input: $input) { id } }",
      {
        input: {
          childId,
          status: "OVERRIDDEN",
          scope: ["POLICE"],
          legalBasis: "S47_SIGNIFICANT_HARM",
          justification: JUSTIFICATION,
        },
      },
    );
    expect(res.errors?.[0]).toMatchObject({
      message: "Unexpected error.",
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
    // the failure was logged (so the path ran), with the error's name; the child process's
    // output arrives through a pipe, so wait for it
    const logged = () =>
      hub
        .output()
        .split("\n")
        .filter((l) => l.includes("unexpected error in request"));
    await waitUntil(async () => logged().length > 0, "the error's log line", 30_000);
    const lines = logged();
    expect(JSON.parse(lines[0]!)).toMatchObject({ err: { type: expect.any(String) } });
  });

  it("the hub's whole log holds none of the names, NHS numbers, dates of birth, postcodes or free text it was given", async () => {
    // the screener opens the child: disclosures are logged by id at most
    const opened = await gql(screener, "query ($id: ID!) { child(id: $id) { givenName } }", {
      id: childId,
    });
    expect(opened.errors).toBeUndefined();
    await hub.stop(); // everything written, flushed and read
    const log = hub.output();
    expect(log).toMatch(/"msg":"hub stopped"/);
    expect(log.length).toBeGreaterThan(0);
    const found = PERSONAL.filter((p) => log.includes(p));
    expect(found).toEqual([]);
  });
});
