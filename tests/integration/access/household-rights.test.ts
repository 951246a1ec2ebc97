// Household members are disclosed under their own rights (access.md, version 2): a member who
// is a child known to the hub is shown only as far as the caller may open that child, and the
// disclosure is on that child's access log too.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "#db/client.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { EH_MANAGER, LEAD_PRO, createChild } from "./fixtures.ts";

const HOUSEHOLD = `query ($id: ID!) { child(id: $id) {
  household { personId givenName familyName dateOfBirth relationship } } }`;

interface Member {
  personId: string;
  givenName: string | null;
  relationship: string;
}

describe("household members who are children", () => {
  let t: TestHub;
  let db: Db;
  let child: string; // their family's child
  let sibling: string; // a child of another early help family, in the same household
  let familySibling: string; // a child of their own family, in the same household
  let parent: string; // an adult

  beforeAll(async () => {
    t = await startTestHub();
    db = createDb(t.db.url, 2);
    child = await createChild(db, { consent: "none", related: true, tag: "h1" });
    sibling = await createChild(db, { consent: "none", related: false, tag: "h2" });
    familySibling = await createChild(db, { consent: "none", related: true, tag: "h3" });
    const adult = await db.person.create({
      data: {
        isChild: false,
        givenName: "Pat",
        familyName: "Test",
        dateOfBirth: new Date("1990-01-01"),
      },
    });
    parent = adult.id;
    await db.household.create({
      data: {
        sourceRef: "FAM-household-test",
        members: {
          create: [
            { personId: child, relationship: "CHILD", source: "EARLY_HELP" },
            { personId: sibling, relationship: "SIBLING", source: "POLICE" },
            { personId: familySibling, relationship: "SIBLING", source: "EARLY_HELP" },
            { personId: parent, relationship: "PARENT", source: "EARLY_HELP" },
          ],
        },
      },
    });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.stop();
  });

  const household = async (token: string) => {
    const res = await t.gql<{ child: { household: Member[] } }>(token, HOUSEHOLD, { id: child });
    expect(res.errors).toBeUndefined();
    return res.data!.child.household;
  };
  const eventsOf = (personId: string, actor: string) =>
    db.accessEvent.findMany({ where: { personId, actor }, orderBy: { seq: "asc" } });

  it("early help see a sibling they may not open not at all, and their own family's child and adults as before", async () => {
    for (const [sub, role] of [
      [LEAD_PRO, "LEAD_PROFESSIONAL"],
      [EH_MANAGER, "EARLY_HELP_MANAGER"],
    ] as const) {
      const members = await household(await t.token({ sub, role }));
      expect(members.map((m) => m.personId).sort()).toEqual([familySibling, parent].sort());
      expect(JSON.stringify(members)).not.toContain("Adah2");
      expect(await eventsOf(sibling, sub)).toEqual([]);
      const own = await eventsOf(familySibling, sub);
      expect(own).toHaveLength(1);
      expect(own[0]?.disclosed).toEqual(
        expect.arrayContaining(["HouseholdMember.givenName", "HouseholdMember.personId"]),
      );
    }
  });

  it("a MASH screener sees the sibling, and the disclosure is on the sibling's access log too", async () => {
    const members = await household(await t.token({ sub: "screener-1", role: "MASH_SCREENER" }));
    expect(members.find((m) => m.personId === sibling)).toMatchObject({
      givenName: "Adah2",
      relationship: "SIBLING",
    });
    const onSibling = await eventsOf(sibling, "screener-1");
    expect(onSibling).toHaveLength(1);
    expect(onSibling[0]?.disclosed).toEqual(
      expect.arrayContaining([
        "HouseholdMember.dateOfBirth",
        "HouseholdMember.familyName",
        "HouseholdMember.givenName",
        "HouseholdMember.personId",
      ]),
    );
    const onChild = await eventsOf(child, "screener-1");
    expect(onChild.at(-1)?.disclosed).toEqual(
      expect.arrayContaining(["Child.household", "HouseholdMember.givenName"]),
    );
    // the adult is nobody's child: no event names them
    expect(await db.accessEvent.count({ where: { personId: parent } })).toBe(0);
  });
});
