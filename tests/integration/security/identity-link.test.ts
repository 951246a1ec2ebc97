// Finding 8: an EARLY_HELP event with a child's NHS number but another name and date of birth
// was linked to that child and made its lead professional "related": they could then open the
// child. Now such an event becomes a match review; no relationship comes of it until a
// screener decides it is the same child.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import type { EventJson } from "./event-json.ts";

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, "../../fixtures/contract-examples", name),
      "utf8",
    ),
  ) as EventJson;

const OPEN = "query ($id: ID!) { child(id: $id) { id givenName } }";
const REVIEWS =
  "{ matchReviews { edges { id status matchedOn candidate { id } provisional { id } } } }";

describe("an identifier that agrees while name and date of birth disagree", () => {
  let t: TestHub;
  let police: string;
  let earlyHelp: string;
  let screener: string;
  let childId: string;
  const submit = async (token: string, event: unknown) => {
    const res = await fetch(`${t.url}/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(event),
    });
    return (await res.json()) as { accepted: boolean; childId: string };
  };

  beforeAll(async () => {
    t = await startTestHub();
    police = await t.token({ sub: "merlin", role: "AGENCY_SYSTEM", agency: "POLICE" });
    earlyHelp = await t.token({ sub: "ehm", role: "AGENCY_SYSTEM", agency: "EARLY_HELP" });
    screener = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
    // Amelia Jones, 2019-03-02, NHS number 9434765919
    childId = (await submit(police, fixture("valid-police-merlin.json"))).childId;
  });
  afterAll(async () => t?.stop());

  it("an early help episode for another name and date of birth is held for review, and its lead professional may not open the child", async () => {
    const event = fixture("valid-earlyhelp-episode.json");
    event["eventId"] = "EH-borrowed-nhs";
    event["subject"] = {
      ...event["subject"],
      sourcePersonId: "EHM-99999",
      givenName: "Kyle",
      familyName: "Morrison",
      dateOfBirth: "2014-11-23",
    };
    event["payload"].episodeId = "EH-9999";
    event["payload"].familyId = "FAM-9999";
    event["payload"].leadProfessional = { id: "lp-elsewhere", name: "Pat Other", email: null };
    event["payload"].earlyHelpManager = { id: "ehm-elsewhere", name: "Sam Other", email: null };
    const result = await submit(earlyHelp, event);
    expect(result.accepted).toBe(true);
    expect(result.childId).not.toBe(childId);

    for (const [sub, role] of [
      ["lp-elsewhere", "LEAD_PROFESSIONAL"],
      ["ehm-elsewhere", "EARLY_HELP_MANAGER"],
    ] as const) {
      const res = await t.gql(await t.token({ sub, role }), OPEN, { id: childId });
      expect(res.data).toEqual({ child: null });
      expect(res.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");
    }

    const reviews = await t.gql<{
      matchReviews: {
        edges: Array<{
          id: string;
          matchedOn: string[];
          candidate: { id: string };
          provisional: { id: string };
        }>;
      };
    }>(screener, REVIEWS);
    expect(reviews.errors).toBeUndefined();
    const review = reviews.data?.matchReviews.edges.find((r) => r.candidate.id === childId);
    expect(review?.provisional.id).toBe(result.childId);
    expect(review?.matchedOn).toEqual(
      expect.arrayContaining(["NHS_NUMBER:exact", expect.stringMatching(/^dateOfBirth:different/)]),
    );

    // the screener decides it is the same child: only now is the lead professional related
    const resolved = await t.gql(
      screener,
      "mutation ($id: ID!) { resolveMatchReview(id: $id, decision: SAME_CHILD) { status } }",
      { id: review?.id },
    );
    expect(resolved.errors).toBeUndefined();
    const after = await t.gql(
      await t.token({ sub: "lp-elsewhere", role: "LEAD_PROFESSIONAL" }),
      OPEN,
      {
        id: childId,
      },
    );
    expect(after.errors).toBeUndefined();
  });

  it("an episode whose name and date of birth agree with the identifier still links at once", async () => {
    const result = await submit(earlyHelp, fixture("valid-earlyhelp-episode.json"));
    expect(result).toMatchObject({ accepted: true, childId });
    const res = await t.gql(
      await t.token({ sub: "lp-ayesha-khan", role: "LEAD_PROFESSIONAL" }),
      OPEN,
      {
        id: childId,
      },
    );
    expect(res.errors).toBeUndefined();
  });
});
