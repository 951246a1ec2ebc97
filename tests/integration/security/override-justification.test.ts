// Finding 5: justifications of 20 zero-width spaces, or 20 letter a's, were accepted and lifted
// POLICE and HEALTH detail for every MASH role. Now an override needs 20 visible characters and
// three words; one stored before this rule does not count either.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "#db/client.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { createChild } from "../access/fixtures.ts";

const RECORD = `mutation ($input: ConsentInput!) { recordConsent(input: $input) { id } }`;
const DETAIL = `query ($id: ID!) { child(id: $id) { policeNotifications { summary } } }`;

describe("an override must say something", () => {
  let t: TestHub;
  let db: Db;
  let manager: string;
  let screener: string;
  let n = 0;
  beforeAll(async () => {
    t = await startTestHub();
    db = createDb(t.db.url, 1);
    manager = await t.token({ sub: "manager-1", role: "MASH_MANAGER" });
    screener = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.stop();
  });

  const override = (childId: string, justification: string) => ({
    input: {
      childId,
      status: "OVERRIDDEN",
      scope: ["POLICE", "HEALTH"],
      legalBasis: "S47_SIGNIFICANT_HARM",
      justification,
    },
  });
  const summary = async (childId: string) => {
    const r = await t.gql<{ child: { policeNotifications: Array<{ summary: string | null }> } }>(
      screener,
      DETAIL,
      { id: childId },
    );
    return r.data?.child.policeNotifications[0]?.summary ?? null;
  };

  it.each([
    ["twenty zero-width spaces", "\u200B".repeat(20)],
    ["twenty letter a's", "a".repeat(20)],
    ["joiners padding one word", `harm${"\u200D\u2060".repeat(20)}`],
  ])("refuses %s, and the detail stays withheld", async (_name, justification) => {
    const child = await createChild(db, {
      consent: "refused",
      related: false,
      tag: `j${(n += 1)}`,
    });
    const res = await t.gql(manager, RECORD, override(child, justification));
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      fields: ["justification"],
    });
    expect(await summary(child)).toBeNull();
  });

  it("accepts a justification that says something, which lifts the refusal for MASH roles", async () => {
    const child = await createChild(db, { consent: "refused", related: false, tag: "ok" });
    const res = await t.gql(
      manager,
      RECORD,
      override(child, "Strategy discussion: risk of significant harm to the child."),
    );
    expect(res.errors).toBeUndefined();
    expect(await summary(child)).toMatch(/verbal argument/);
  });

  it("an empty override already stored does not count", async () => {
    const child = await createChild(db, { consent: "refused", related: false, tag: "stored" });
    await db.consentRecord.create({
      data: {
        personId: child,
        status: "OVERRIDDEN",
        scope: ["POLICE"],
        legalBasis: "S47_SIGNIFICANT_HARM",
        justification: "\u200B".repeat(20),
        recordedBy: "manager-1",
        recordedRole: "MASH_MANAGER",
      },
    });
    expect(await summary(child)).toBeNull();
  });
});
