// Existence is content (access.md, version 2): a search by a caller who may not open a child
// returns nothing about that child (not a match, not an error, not a count), the same answer as
// for a child the hub does not know; and every search is an access event naming who searched,
// the criteria by name (never their values) and how many children came back.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "#db/client.ts";
import { startTestHub, type GqlResponse, type TestHub } from "../../support/hub.ts";
import { nhsNumber } from "../notifications/helpers.ts";
import { EH_MANAGER, LEAD_PRO, createChild } from "./fixtures.ts";

const BY_NHS = `query ($n: String) { findChildren(search: { nhsNumber: $n }) { __typename } }`;
const BY_NHS_WITH_FIELDS = `query ($n: String) { findChildren(search: { nhsNumber: $n }) {
  score matchedOn child { id givenName policeNotifications { category } } } }`;

describe("searches by early help roles", () => {
  let t: TestHub;
  let db: Db;
  let theirs: { id: string; nhs: string };
  let other: { id: string; nhs: string };
  const unknownNhs = nhsNumber();
  const tokens: Record<string, string> = {};

  const childWithNhs = async (related: boolean, tag: string) => {
    const id = await createChild(db, { consent: "none", related, tag });
    const nhs = nhsNumber();
    await db.personIdentifier.create({ data: { personId: id, kind: "NHS_NUMBER", value: nhs } });
    return { id, nhs };
  };

  beforeAll(async () => {
    t = await startTestHub();
    db = createDb(t.db.url, 2);
    theirs = await childWithNhs(true, "s1");
    other = await childWithNhs(false, "s2");
    tokens["lead"] = await t.token({ sub: LEAD_PRO, role: "LEAD_PROFESSIONAL" });
    tokens["manager"] = await t.token({ sub: EH_MANAGER, role: "EARLY_HELP_MANAGER" });
    tokens["screener"] = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.stop();
  });

  const search = (who: string, query: string, n: string) =>
    t.gql<{ findChildren: unknown[] }>(tokens[who], query, { n });
  const answer = (r: GqlResponse<{ findChildren: unknown[] }>) => ({
    status: r.status,
    data: r.data,
    errors: r.errors,
  });

  it("a child they may not open is found exactly as a child the hub does not know", async () => {
    for (const who of ["lead", "manager"]) {
      for (const query of [BY_NHS, BY_NHS_WITH_FIELDS]) {
        const known = answer(await search(who, query, other.nhs));
        const unknown = answer(await search(who, query, unknownNhs));
        expect(known).toEqual(unknown);
        expect(known).toEqual({ status: 200, data: { findChildren: [] }, errors: undefined });
      }
    }
  });

  it("a child of their own family is found, and MASH roles find any child", async () => {
    const own = await search("lead", BY_NHS_WITH_FIELDS, theirs.nhs);
    expect(own.errors).toBeUndefined();
    expect(own.data?.findChildren).toEqual([
      expect.objectContaining({ child: expect.objectContaining({ id: theirs.id }) }),
    ]);
    const mash = await search("screener", BY_NHS_WITH_FIELDS, other.nhs);
    expect(mash.errors).toBeUndefined();
    expect(mash.data?.findChildren).toEqual([
      expect.objectContaining({ child: expect.objectContaining({ id: other.id }) }),
    ]);
  });

  it("every search is an access event: who, the criteria by name, how many came back", async () => {
    const before = (await db.accessEvent.findFirst({ orderBy: { seq: "desc" } }))?.seq ?? 0n;
    await search("lead", BY_NHS, other.nhs);
    await search("lead", BY_NHS, theirs.nhs);
    const both = await t.gql(
      tokens["screener"],
      `query ($n: String, $d: Date) { findChildren(search: { nhsNumber: $n, dateOfBirth: $d }) { score } }`,
      { n: other.nhs, d: "2019-03-02" },
    );
    expect(both.errors).toBeUndefined();
    const searches = await db.accessEvent.findMany({
      where: { seq: { gt: before }, personId: null },
      orderBy: { seq: "asc" },
    });
    expect(
      searches.map((e) => ({
        actor: e.actor,
        role: e.role,
        disclosed: e.disclosed,
        criteria: e.criteria,
        resultCount: e.resultCount,
      })),
    ).toEqual([
      {
        actor: LEAD_PRO,
        role: "LEAD_PROFESSIONAL",
        disclosed: ["Query.findChildren"],
        criteria: ["nhsNumber"],
        resultCount: 0,
      },
      {
        actor: LEAD_PRO,
        role: "LEAD_PROFESSIONAL",
        disclosed: ["Query.findChildren"],
        criteria: ["nhsNumber"],
        resultCount: 1,
      },
      {
        actor: "screener-1",
        role: "MASH_SCREENER",
        disclosed: ["Query.findChildren"],
        criteria: ["dateOfBirth", "nhsNumber"],
        resultCount: 1,
      },
    ]);
    // the criteria's values are nowhere in the events
    const all = JSON.stringify(
      await db.accessEvent.findMany({ where: { seq: { gt: before } } }),
      (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v),
    );
    expect(all).not.toContain(other.nhs);
    expect(all).not.toContain(theirs.nhs);
    expect(all).not.toContain("2019-03-02");
  });
});
