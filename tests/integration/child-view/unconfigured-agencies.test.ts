import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTestHub, type TestHub } from "../../support/hub.ts";

describe("a hub with no CP-IS or school API configured", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t?.stop());

  it("tells the screener that CP-IS and the school were not asked, rather than that they answered", async () => {
    const person = await t.hub.services.db.person.create({
      data: { givenName: "Amelia", familyName: "Jones" },
    });
    const token = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
    const res = await t.gql<{ child: { sources: Array<Record<string, unknown>> } }>(
      token,
      `query($id: ID!) { child(id: $id) { sources { agency ok error } } }`,
      { id: person.id },
    );
    const byAgency = Object.fromEntries(res.data!.child.sources.map((s) => [s["agency"], s]));
    expect(byAgency["CPIS"]).toMatchObject({ ok: false });
    expect(String(byAgency["CPIS"]?.["error"])).toMatch(/^NOT_CONFIGURED/);
    expect(byAgency["EDUCATION"]).toMatchObject({ ok: false });
    expect(byAgency["POLICE"]).toMatchObject({ ok: true, error: null });
  });
});
