// The Federation 2 protocol on the running hub, asked directly as a router asks it:
// `_service { sdl }` for any valid token, and `_entities` as a second door into a child with the
// same policy and audit as child(id:). By NHS number, a child the caller may not open and a
// number the hub does not know answer alike.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "#db/client.ts";
import { startTestHub, type GqlResponse, type TestHub } from "../../support/hub.ts";
import { EH_MANAGER, createChild, createNotification } from "../access/fixtures.ts";
import { linkNhsNumber, nhsNumber, spaced } from "./nhs-numbers.ts";

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Child {
        id
        givenName
        nhsNumber
      }
      ... on Notification {
        id
        status
      }
    }
  }
`;

type Entity = Record<string, unknown> | null;
type Errors = NonNullable<GqlResponse<unknown>["errors"]>;

/** The errors at `_entities.<index>` (and under it). */
const errorsAt = (errors: Errors | undefined, index: number) =>
  (errors ?? []).filter((e) => e.path?.[0] === "_entities" && e.path?.[1] === index);

describe("the hub as a Federation 2 subgraph", () => {
  let t: TestHub;
  let db: Db;
  let related: string; // an open early help episode names EH_MANAGER
  let unrelated: string;
  let noConsent: string;
  let notificationOfUnrelated: string;
  const relatedNhs = nhsNumber(1);
  const unrelatedNhs = nhsNumber(2);
  const unknownNhs = nhsNumber(3);
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestHub();
    db = createDb(t.db.url, 2);
    related = await createChild(db, { consent: "given", related: true, tag: "fr" });
    unrelated = await createChild(db, { consent: "given", related: false, tag: "fu" });
    noConsent = await createChild(db, { consent: "none", related: false, tag: "fn" });
    await linkNhsNumber(db, related, relatedNhs);
    await linkNhsNumber(db, unrelated, unrelatedNhs);
    await createNotification(db, unrelated);
    notificationOfUnrelated = (await db.mashNotification.findFirstOrThrow({
      where: { personId: unrelated },
    }))!.id;
    tokens["screener"] = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
    tokens["eh"] = await t.token({ sub: EH_MANAGER, role: "EARLY_HELP_MANAGER" });
    tokens["agency"] = await t.token({ sub: "police-1", role: "AGENCY_SYSTEM", agency: "POLICE" });
    tokens["auditor"] = await t.token({ sub: "auditor-1", role: "AUDITOR" });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.stop();
  });

  const entities = (token: string | undefined, representations: unknown[]) =>
    t.gql<{ _entities: Entity[] }>(token, ENTITIES, { representations });

  describe("_service { sdl }", () => {
    it("is refused without a token", async () => {
      const res = await t.gql(undefined, "{ _service { sdl } }");
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");
    });

    it("answers the subgraph SDL, with both Child keys, to a valid token of any role", async () => {
      for (const token of [tokens["agency"], tokens["eh"], tokens["auditor"]]) {
        const res = await t.gql<{ _service: { sdl: string } }>(token, "{ _service { sdl } }");
        expect(res.errors).toBeUndefined();
        const sdl = res.data?._service.sdl ?? "";
        expect(sdl).toMatch(/type Child\s+@key\(fields: "id"\)\s+@key\(fields: "nhsNumber"\)/);
        expect(sdl).toMatch(/type Notification\s+@key\(fields: "id"\)/);
      }
    });
  });

  describe("_entities", () => {
    it("gives a screener the child by id and by NHS number (spaces or not), from the hub's own record", async () => {
      const res = await entities(tokens["screener"], [
        { __typename: "Child", id: related },
        { __typename: "Child", nhsNumber: relatedNhs },
        { __typename: "Child", nhsNumber: spaced(unrelatedNhs), givenName: "Forged" },
      ]);
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities).toEqual([
        { __typename: "Child", id: related, givenName: "Adafr", nhsNumber: relatedNhs },
        { __typename: "Child", id: related, givenName: "Adafr", nhsNumber: relatedNhs },
        { __typename: "Child", id: unrelated, givenName: "Adafu", nhsNumber: unrelatedNhs },
      ]);
    });

    it("records the opening in the child's access event, as child(id:) does", async () => {
      const before = await db.accessEvent.count({ where: { personId: noConsent } });
      await entities(tokens["screener"], [{ __typename: "Child", id: noConsent }]);
      const events = await db.accessEvent.findMany({
        where: { personId: noConsent },
        orderBy: { seq: "asc" },
      });
      expect(events.length).toBe(before + 1);
      const last = events[events.length - 1]!;
      expect(last.actor).toBe("screener-1");
      expect(last.disclosed).toEqual(
        expect.arrayContaining(["Query._entities", "Child.id", "Child.givenName"]),
      );
    });

    it("withholds DETAIL fields without consent, with the same WITHHELD error as child(id:)", async () => {
      const selection = "... on Child { policeNotifications { category summary } }";
      const viaEntities = await t.gql<{ _entities: Array<Record<string, unknown>> }>(
        tokens["screener"],
        `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
        { r: [{ __typename: "Child", id: noConsent }] },
      );
      const viaChild = await t.gql<{ child: Record<string, unknown> }>(
        tokens["screener"],
        `query ($id: ID!) { child(id: $id) { ${selection} } }`,
        { id: noConsent },
      );
      expect(viaEntities.data?._entities[0]).toEqual(viaChild.data?.child);
      expect(viaEntities.data?._entities[0]).toEqual({
        policeNotifications: [{ category: "DOMESTIC_ABUSE", summary: null }],
      });
      const withheld = viaEntities.errors?.[0];
      expect(withheld?.path).toEqual(["_entities", 0, "policeNotifications", 0, "summary"]);
      expect(withheld?.extensions).toEqual(viaChild.errors?.[0]?.extensions);
      expect(withheld?.extensions?.["code"]).toBe("WITHHELD");
    });

    it("opens for an early help manager only the children child(id:) opens for them", async () => {
      const byChild = await t.gql<{ child: Entity }>(
        tokens["eh"],
        "query ($id: ID!) { child(id: $id) { id } }",
        {
          id: unrelated,
        },
      );
      expect(byChild.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");

      const res = await entities(tokens["eh"], [
        { __typename: "Child", id: related },
        { __typename: "Child", id: unrelated },
        { __typename: "Child", nhsNumber: unrelatedNhs },
        { __typename: "Notification", id: notificationOfUnrelated },
      ]);
      expect(res.data?._entities).toEqual([
        { __typename: "Child", id: related, givenName: "Adafr", nhsNumber: relatedNhs },
        null,
        null,
        null,
      ]);
      for (const i of [1, 2, 3]) {
        expect(errorsAt(res.errors, i).map((e) => e.extensions?.["code"])).toEqual(["FORBIDDEN"]);
      }
      expect(errorsAt(res.errors, 0)).toEqual([]);
    });

    it("answers an unknown NHS number exactly as a child the caller may not open", async () => {
      const res = await entities(tokens["eh"], [
        { __typename: "Child", nhsNumber: unrelatedNhs },
        { __typename: "Child", nhsNumber: unknownNhs },
      ]);
      expect(res.data?._entities).toEqual([null, null]);
      const [known, unknown] = [errorsAt(res.errors, 0), errorsAt(res.errors, 1)];
      expect(known.length).toBe(1);
      expect({ ...unknown[0], path: undefined }).toEqual({ ...known[0], path: undefined });
      // and for a screener, who may open every child, an unknown number or id is still FORBIDDEN
      const screener = await entities(tokens["screener"], [
        { __typename: "Child", nhsNumber: unknownNhs },
        { __typename: "Child", id: randomUUID() },
      ]);
      expect(screener.data?._entities).toEqual([null, null]);
      for (const i of [0, 1]) {
        const [error] = errorsAt(screener.errors, i);
        expect({ ...error, path: undefined }).toEqual({ ...known[0], path: undefined });
      }
    });

    it("records the refused opening of a known child for the audit", async () => {
      const before = await db.accessEvent.count({ where: { personId: unrelated } });
      await entities(tokens["eh"], [{ __typename: "Child", nhsNumber: unrelatedNhs }]);
      const events = await db.accessEvent.findMany({
        where: { personId: unrelated },
        orderBy: { seq: "asc" },
      });
      expect(events.length).toBe(before + 1);
      const last = events[events.length - 1]!;
      expect(last.actor).toBe(EH_MANAGER);
      expect(last.withheld).toContain("Query._entities");
      expect(last.disclosed).toEqual([]);
    });

    it("refuses every entity to an agency system, as child(id:) does", async () => {
      const res = await entities(tokens["agency"], [
        { __typename: "Child", id: related },
        { __typename: "Child", nhsNumber: relatedNhs },
      ]);
      expect(res.data?._entities).toEqual([null, null]);
      expect(res.errors?.map((e) => [e.path, e.extensions?.["code"]])).toEqual([
        [["_entities", 0], "FORBIDDEN"],
        [["_entities", 1], "FORBIDDEN"],
      ]);
    });

    it("gives a screener a notification by id", async () => {
      const res = await entities(tokens["screener"], [
        { __typename: "Notification", id: notificationOfUnrelated },
      ]);
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities).toEqual([
        { __typename: "Notification", id: notificationOfUnrelated, status: "AWAITING_SCREENING" },
      ]);
    });

    it("names the bad field of a malformed representation and answers the others", async () => {
      const res = await entities(tokens["screener"], [
        { __typename: "Child" },
        { __typename: "Household", id: related },
        { __typename: "Child", id: related },
      ]);
      expect(res.data?._entities[2]).toMatchObject({ id: related });
      expect(errorsAt(res.errors, 0)[0]?.extensions).toEqual({
        code: "BAD_USER_INPUT",
        field: "representations[0]",
      });
      expect(errorsAt(res.errors, 1)[0]?.extensions).toEqual({
        code: "BAD_USER_INPUT",
        field: "representations[1].__typename",
      });
    });
  });
});
