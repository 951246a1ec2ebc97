import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createTestDatabase, type TestDatabase } from "../../support/database.ts";
import { createDb, type Db } from "#db/client.ts";
import { generateDataset } from "#seed/generate.ts";
import { writeDataset } from "#seed/write.ts";
import { rateSeededChildren, type RateCounts } from "#seed/rate.ts";
import { compareRuleSets, formatComparison } from "#scripts/compare-rule-sets.ts";
import { getCurrentRag } from "#notifications/get-current-rag.ts";
import { DEFAULT_RATING_SETTINGS } from "#notifications/rating-settings.ts";
import { RULE_SET_V1, RULE_SET_V2 } from "#rag/index.ts";

const today = new Date().toISOString().slice(0, 10);
const dataset = generateDataset({ children: 1_500, seed: 21, asOf: today, eventChildren: 0 });
let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  await writeDataset(database.url, dataset);
  db = createDb(database.url, 2);
  await db.$connect();
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("npm run rules:compare on a seeded database", () => {
  it("rates every child under both versions, writes nothing, and explains each change", async () => {
    const c = await compareRuleSets(db, RULE_SET_V1, RULE_SET_V2, { batch: 400 });
    expect(c.children).toBe(1_500);
    expect(c.rise + c.fall + c.stay).toBe(1_500);
    expect(c.rise).toBeGreaterThan(0); // version 2 adds rules and removes none
    expect(c.fall).toBe(0);
    const risesExplained = [...c.rules.values()].reduce((s, r) => s + r.rises, 0);
    expect(risesExplained).toBeGreaterThanOrEqual(c.rise);
    expect(await db.ragAssessment.count()).toBe(0);
    expect(await db.mashNotification.count()).toBe(0);
    const table = formatComparison(c, 1);
    expect(table).toMatch(/^\s+rise\s+\d+/m);
    expect(table).toMatch(/^\s+fall\s+0/m);
    expect(table).toMatch(/rules behind the changes/);
  });
});

describe("seeding rates the seeded children", () => {
  let counts: RateCounts;
  beforeAll(async () => {
    counts = await rateSeededChildren(db, dataset.childIds, DEFAULT_RATING_SETTINGS, {
      batch: 500,
    });
  }, 120_000);

  it("records one version 2 assessment per child, and the notifications the rules call for", async () => {
    expect(counts.assessments).toBe(1_500);
    expect(await db.ragAssessment.count({ where: { ruleVersion: 2 } })).toBe(1_500);
    const queue = await db.mashNotification.findMany({ where: { status: "AWAITING_SCREENING" } });
    expect(queue.length).toBe(counts.notifications);
    expect(queue.length).toBeGreaterThan(20);
    expect(new Set(queue.map((n) => n.proposedRag))).toEqual(new Set(["RED", "AMBER", "GREEN"]));
    for (const n of queue) expect(n.dueBy.getTime()).toBeGreaterThan(n.createdAt.getTime());
    // a GREEN notification only for a child of an open early help family
    const open = new Set(
      dataset.rows.earlyHelpEpisodes.filter((e) => e.status === "OPEN").map((e) => e.personId),
    );
    for (const n of queue.filter((x) => x.proposedRag === "GREEN"))
      expect(open.has(n.personId)).toBe(true);
  });

  it("gives Child.rag its value for every rated child", async () => {
    const ids = dataset.childIds.slice(0, 300);
    const current = await getCurrentRag(db, ids);
    const rated = [...current.values()].filter((v) => v !== null);
    expect(rated.length).toBeGreaterThan(20);
    for (const v of rated) expect(v?.ruleVersion).toBe(2);
  });
});
