import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { event, freshNhsNumber, ingest, payloads } from "./agency-events.ts";

describe("identity resolution of agency events", () => {
  let t: TestHub;
  let token: string;
  beforeAll(async () => {
    t = await startTestHub();
    token = await t.token({ sub: "screener-3", role: "MASH_SCREENER" });
  });
  afterAll(async () => t?.stop());

  const db = () => t.hub.services.db;

  it("links a misspelt given name with the same date of birth and postcode to the same child", async () => {
    const first = await ingest(
      db(),
      event(
        "POLICE",
        {
          givenName: "Harriet",
          familyName: "Mensah",
          dateOfBirth: "2015-08-09",
          postcode: "N1 7GU",
          nhsNumber: freshNhsNumber(),
        },
        payloads.police(),
      ),
    );
    const second = await ingest(
      db(),
      event(
        "HEALTH",
        {
          givenName: "Harriett",
          familyName: "Mensah",
          dateOfBirth: "2015-08-09",
          postcode: "N1 7GU",
        },
        payloads.health(),
      ),
    );
    expect(second).toMatchObject({ personId: first.personId, outcome: "LINKED" });
    expect(second.matchedOn).toEqual([
      "givenName:typo:+2.0",
      "familyName:exact:+5.0",
      "dateOfBirth:exact:+7.0",
      "postcode:exact:+3.0",
    ]);
  });

  it("links a nickname and a day/month-swapped date of birth", async () => {
    const first = await ingest(
      db(),
      event(
        "EARLY_HELP",
        { givenName: "William", familyName: "Osei", dateOfBirth: "2017-04-11", postcode: "E3 2AB" },
        payloads.earlyHelp(),
      ),
    );
    const second = await ingest(
      db(),
      event(
        "POLICE",
        { givenName: "Bill", familyName: "Osei", dateOfBirth: "2017-11-04", postcode: "E3 2AB" },
        payloads.police(),
      ),
    );
    expect(second.personId).toBe(first.personId);
    expect(second.matchedOn).toContain("dateOfBirth:swapped:+3.5");
    expect(second.matchedOn).toContain("givenName:nickname:+3.0");
  });

  it("never links a twin silently: same family, date of birth and postcode, another given name goes to review", async () => {
    const sister = await ingest(
      db(),
      event(
        "HEALTH",
        {
          givenName: "Grace",
          familyName: "Adeyemi",
          dateOfBirth: "2020-01-30",
          postcode: "SE15 4QN",
        },
        payloads.health(),
      ),
    );
    const brother = await ingest(
      db(),
      event(
        "HEALTH",
        {
          givenName: "Samuel",
          familyName: "Adeyemi",
          dateOfBirth: "2020-01-30",
          postcode: "SE15 4QN",
        },
        payloads.health(),
      ),
    );
    expect(brother.personId).not.toBe(sister.personId);
    expect(brother.outcome).toBe("PROVISIONAL");
    expect(brother.reviewId).toBeDefined();
  });

  it("never links to a child whose NHS number differs, however alike the rest", async () => {
    const a = await ingest(
      db(),
      event(
        "HEALTH",
        {
          givenName: "Maya",
          familyName: "Patel",
          dateOfBirth: "2018-06-01",
          postcode: "E14 5AB",
          nhsNumber: freshNhsNumber(),
        },
        payloads.health(),
      ),
    );
    const b = await ingest(
      db(),
      event(
        "POLICE",
        {
          givenName: "Maya",
          familyName: "Patel",
          dateOfBirth: "2018-06-01",
          postcode: "E14 5AB",
          nhsNumber: freshNhsNumber(),
        },
        payloads.police(),
      ),
    );
    expect(b.personId).not.toBe(a.personId);
    expect(b.outcome).toBe("NEW");
  });

  it("makes a new child when only the family name and postcode agree", async () => {
    const a = await ingest(
      db(),
      event(
        "POLICE",
        { givenName: "Leo", familyName: "Novak", dateOfBirth: "2012-02-02", postcode: "E8 1AA" },
        payloads.police(),
      ),
    );
    const b = await ingest(
      db(),
      event(
        "POLICE",
        { givenName: "Zara", familyName: "Novak", dateOfBirth: "2014-09-21", postcode: "E8 1AA" },
        payloads.police(),
      ),
    );
    expect(b).toMatchObject({ outcome: "NEW" });
    expect(b.personId).not.toBe(a.personId);
  });

  it("resolving a review as the same child moves every record to that child", async () => {
    const nhsNumber = freshNhsNumber();
    const known = await ingest(
      db(),
      event(
        "POLICE",
        {
          givenName: "Ruby",
          familyName: "Kowalski",
          dateOfBirth: "2013-03-03",
          postcode: "E1 1AA",
          nhsNumber,
        },
        payloads.police(),
      ),
    );
    // a family-name typo and a new address: uncertain, held on a provisional record
    const uncertain = await ingest(
      db(),
      event(
        "EDUCATION",
        {
          givenName: "Ruby",
          familyName: "Kowalsky",
          dateOfBirth: "2013-03-03",
          postcode: "N16 0AA",
        },
        payloads.education(),
      ),
    );
    expect(uncertain.outcome).toBe("PROVISIONAL");
    await ingest(
      db(),
      event(
        "HEALTH",
        {
          sourcePersonId: "RXX-PAS-RUBY",
          givenName: "Ruby",
          familyName: "Kowalsky",
          dateOfBirth: "2013-03-03",
          postcode: "N16 0AA",
        },
        payloads.health(),
      ),
    );

    const reviews = await t.gql<{
      matchReviews: {
        edges: Array<{
          id: string;
          score: number;
          status: string;
          matchedOn: string[];
          candidate: { id: string };
          provisional: { id: string; familyName: string };
        }>;
      };
    }>(
      token,
      `{ matchReviews { edges { id score status matchedOn candidate { id } provisional { id familyName } } } }`,
    );
    const review = reviews.data!.matchReviews.edges.find((r) => r.id === uncertain.reviewId)!;
    expect(review).toMatchObject({
      status: "OPEN",
      candidate: { id: known.personId },
      provisional: { id: uncertain.personId, familyName: "Kowalsky" },
    });
    expect(review.matchedOn).toContain("familyName:typo:+2.5");

    const resolved = await t.gql<{
      resolveMatchReview: { status: string; candidate: { id: string } };
    }>(
      token,
      `mutation($id: ID!) { resolveMatchReview(id: $id, decision: SAME_CHILD) { status candidate { id } } }`,
      { id: uncertain.reviewId },
    );
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data!.resolveMatchReview).toEqual({
      status: "MERGED",
      candidate: { id: known.personId },
    });

    const view = await t.gql<{
      child: {
        id: string;
        policeNotifications: unknown[];
        hospitalAttendances: unknown[];
        schoolAttendance: unknown;
        agencyIdentifiers: Array<{ agency: string }>;
      };
    }>(
      token,
      `query($id: ID!) { child(id: $id) { id policeNotifications { id } hospitalAttendances { id } schoolAttendance { periodEnd } agencyIdentifiers { agency } } }`,
      { id: uncertain.personId },
    );
    const c = view.data!.child;
    expect(c.id).toBe(known.personId);
    expect(c.policeNotifications).toHaveLength(1);
    expect(c.hospitalAttendances).toHaveLength(1);
    expect(c.schoolAttendance).not.toBeNull();
    expect(c.agencyIdentifiers.map((i) => i.agency).sort()).toEqual(
      expect.arrayContaining(["EDUCATION", "HEALTH", "POLICE"]),
    );
    const left = await db().inboundEvent.count({ where: { personId: uncertain.personId } });
    expect(left).toBe(0);
    const provisional = await db().person.findUniqueOrThrow({ where: { id: uncertain.personId } });
    expect(provisional).toMatchObject({ status: "MERGED", mergedIntoId: known.personId });

    // a later event from the same school system lands on the merged child
    const later = await ingest(
      db(),
      event(
        "HEALTH",
        { sourcePersonId: "RXX-PAS-RUBY", givenName: "Ruby", dateOfBirth: "2013-03-03" },
        payloads.health(),
      ),
    );
    expect(later.personId).toBe(known.personId);
  });

  it("resolving a review as a different child makes the provisional record a child of its own", async () => {
    const a = await ingest(
      db(),
      event(
        "POLICE",
        { givenName: "Noah", familyName: "Brennan", dateOfBirth: "2011-12-12", postcode: "E5 0AA" },
        payloads.police(),
      ),
    );
    const b = await ingest(
      db(),
      event(
        "POLICE",
        { givenName: "Noah", familyName: "Brenan", dateOfBirth: "2011-12-12", postcode: "W2 1AA" },
        payloads.police(),
      ),
    );
    expect(b.outcome).toBe("PROVISIONAL");
    const res = await t.gql<{ resolveMatchReview: { status: string } }>(
      token,
      `mutation($id: ID!) { resolveMatchReview(id: $id, decision: DIFFERENT_CHILD) { status } }`,
      { id: b.reviewId },
    );
    expect(res.data!.resolveMatchReview.status).toBe("SEPARATED");
    const p = await db().person.findUniqueOrThrow({ where: { id: b.personId } });
    expect(p.status).toBe("ACTIVE");
    expect(a.personId).not.toBe(b.personId);
    const again = await t.gql(
      token,
      `mutation($id: ID!) { resolveMatchReview(id: $id, decision: SAME_CHILD) { status } }`,
      { id: b.reviewId },
    );
    expect(again.errors?.[0]?.extensions?.["code"]).toBe("CONFLICT");
  });

  it("refuses to resolve a review for anyone but MASH staff", async () => {
    const lp = await t.token({ sub: "lp-1", role: "LEAD_PROFESSIONAL" });
    const res = await t.gql(
      lp,
      `mutation { resolveMatchReview(id: "00000000-0000-4000-8000-000000000000", decision: SAME_CHILD) { status } }`,
    );
    // the access policy (WORKFLOW is for MASH roles) or the service itself (FORBIDDEN) refuses
    expect(["FORBIDDEN", "WITHHELD"]).toContain(res.errors?.[0]?.extensions?.["code"]);
    expect(res.data).toBeNull();
  });
});
