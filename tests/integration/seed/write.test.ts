import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../../support/database.ts";
import { generateDataset } from "#seed/generate.ts";
import { writeDataset, type WriteCounts } from "#seed/write.ts";
import { blockingKeys } from "#identity/normalise.ts";

let database: TestDatabase;
let client: pg.Client;
const dataset = generateDataset({ children: 1_000, seed: 11, eventChildren: 0 });
let counts: WriteCounts;

beforeAll(async () => {
  database = await createTestDatabase();
  counts = await writeDataset(database.url, dataset, { chunkSize: 700 });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

const count = async (table: string, where = "") =>
  Number(
    (await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}" ${where}`)).rows[0]?.n,
  );

describe("writing 1,000 synthetic children to PostgreSQL", () => {
  it("stores every row of every table, as many as were generated", async () => {
    const expected: Record<string, number> = {
      Person: dataset.rows.persons.length,
      PersonIdentifier: dataset.rows.identifiers.length,
      Household: dataset.rows.households.length,
      HouseholdMember: dataset.rows.householdMembers.length,
      CpisPlan: dataset.rows.cpisPlans.length,
      PoliceNotification: dataset.rows.policeNotifications.length,
      EdAttendance: dataset.rows.edAttendances.length,
      SchoolAttendance: dataset.rows.schoolAttendances.length,
      EarlyHelpEpisode: dataset.rows.earlyHelpEpisodes.length,
    };
    expect(counts).toEqual(expected);
    for (const [table, n] of Object.entries(expected)) expect(await count(table)).toBe(n);
    expect(await count("Person", `WHERE "isChild"`)).toBe(1_000);
  });

  it("finds a seeded child by NHS number with the names and date of birth generated", async () => {
    const nhs = dataset.rows.identifiers.find((i) => i.kind === "NHS_NUMBER");
    const person = dataset.rows.persons.find((p) => p.id === nhs?.personId);
    const { rows } = await client.query<{ givenName: string; familyName: string; dob: string }>(
      `SELECT p."givenName", p."familyName", to_char(p."dateOfBirth", 'YYYY-MM-DD') AS dob
         FROM "PersonIdentifier" i JOIN "Person" p ON p.id = i."personId"
        WHERE i.kind = 'NHS_NUMBER' AND i.value = $1`,
      [nhs?.value],
    );
    expect(rows).toEqual([
      { givenName: person?.givenName, familyName: person?.familyName, dob: person?.dateOfBirth },
    ]);
  });

  it("fills the blocking keys with identity's own function", async () => {
    const child = dataset.rows.persons.find((p) => p.isChild);
    const { rows } = await client.query(
      `SELECT "familyNameKey", "givenNameKey", "postcodeSector" FROM "Person" WHERE id = $1`,
      [child?.id],
    );
    expect(rows[0]).toEqual(blockingKeys(child ?? {}));
    expect(await count("Person", `WHERE "familyNameKey" IS NULL`)).toBe(0);
  });

  it("keeps police notifications' other persons as JSON and early help workers by id", async () => {
    const { rows } = await client.query<{ otherPersons: unknown[] }>(
      `SELECT "otherPersons" FROM "PoliceNotification" LIMIT 5`,
    );
    for (const r of rows) expect(Array.isArray(r.otherPersons)).toBe(true);
    const open = await count(
      "EarlyHelpEpisode",
      `WHERE status = 'OPEN' AND "leadProfessionalId" LIKE 'lp-%' AND "managerId" LIKE 'ehm-%'`,
    );
    expect(open).toBe(dataset.rows.earlyHelpEpisodes.filter((e) => e.status === "OPEN").length);
  });

  it("refuses to write the same dataset twice and leaves the first copy whole", async () => {
    await expect(writeDataset(database.url, dataset)).rejects.toThrow();
    expect(await count("Person")).toBe(dataset.rows.persons.length);
  });
});
