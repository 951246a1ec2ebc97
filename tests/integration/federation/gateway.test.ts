// A real Apollo Gateway (from the registry) over the running hub and two subgraphs written for
// the test: the local authority's children's social care case system (Child by id and NHS
// number) and a neighbouring authority's hub (Child by NHS number only). The supergraph is
// composed the way `npm run supergraph` composes it, from each subgraph's `_service { sdl }`.
// The gateway forwards the caller's Authorization header and nothing else of the caller's.
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "#db/client.ts";
import { composeSupergraph, fetchSubgraphSdl } from "#scripts/compose-supergraph.ts";
import { startTestHub, type GqlResponse, type TestHub } from "../../support/hub.ts";
import {
  startCaseSubgraph,
  startNeighbourSubgraph,
  type RunningSubgraph,
} from "../../support/partner-subgraphs.ts";
import { EH_MANAGER, createChild } from "../access/fixtures.ts";
import { linkNhsNumber, nhsNumber } from "./nhs-numbers.ts";

interface GatewayContext {
  authorization: string | undefined;
}

interface HubFetch {
  authorization: string | undefined;
  representations: Array<Record<string, unknown>> | undefined;
}

const FORBIDDEN_MESSAGE = "You may not open this child's record";

describe("the hub behind an Apollo Gateway", () => {
  let t: TestHub;
  let db: Db;
  let cases: RunningSubgraph;
  let neighbour: RunningSubgraph;
  let gateway: ApolloServer<GatewayContext>;
  let gatewayUrl: string;
  const hubFetches: HubFetch[] = [];
  let related: string; // an open early help episode names EH_MANAGER; consent given
  let unrelated: string; // no relationship, no consent
  const relatedNhs = nhsNumber(11);
  const unrelatedNhs = nhsNumber(12);
  const unknownNhs = nhsNumber(13);
  const tokens: Record<"screener" | "eh" | "manager", string> = {
    screener: "",
    eh: "",
    manager: "",
  };

  beforeAll(async () => {
    t = await startTestHub();
    db = createDb(t.db.url, 2);
    related = await createChild(db, { consent: "given", related: true, tag: "gr" });
    unrelated = await createChild(db, { consent: "none", related: false, tag: "gu" });
    await linkNhsNumber(db, related, relatedNhs);
    await linkNhsNumber(db, unrelated, unrelatedNhs);
    tokens.screener = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
    tokens.eh = await t.token({ sub: EH_MANAGER, role: "EARLY_HELP_MANAGER" });
    tokens.manager = await t.token({ sub: "manager-1", role: "MASH_MANAGER" });

    cases = await startCaseSubgraph([
      { id: related, nhsNumber: relatedNhs, caseStatus: "CHILD_IN_NEED", allocatedWorker: "sw-1" },
      {
        id: unrelated,
        nhsNumber: unrelatedNhs,
        caseStatus: "CHILD_PROTECTION",
        allocatedWorker: "sw-1",
      },
    ]);
    neighbour = await startNeighbourSubgraph([
      { nhsNumber: relatedNhs, transferredFrom: "Northshire" },
      { nhsNumber: unrelatedNhs, transferredFrom: "Westmoor" },
      { nhsNumber: unknownNhs, transferredFrom: "Eastdale" },
    ]);

    // Composition tools are given a token of any role for the hub's _service { sdl }.
    const hubUrl = `${t.url}/graphql`;
    const composition = composeSupergraph([
      { name: "hub", url: hubUrl, sdl: await fetchSubgraphSdl("hub", hubUrl, tokens.manager) },
      { name: "cases", url: cases.url, sdl: await fetchSubgraphSdl("cases", cases.url, undefined) },
      {
        name: "neighbour",
        url: neighbour.url,
        sdl: await fetchSubgraphSdl("neighbour", neighbour.url, undefined),
      },
    ]);
    if (!composition.ok) throw new Error(composition.errors.join("\n"));

    gateway = new ApolloServer<GatewayContext>({
      gateway: new ApolloGateway({
        supergraphSdl: composition.supergraphSdl,
        buildService: ({ name, url }) =>
          new RemoteGraphQLDataSource<GatewayContext>({
            url,
            // What the router must forward: the caller's Authorization header, and only that.
            willSendRequest({ request, context }) {
              const authorization = (context as Partial<GatewayContext>).authorization;
              if (authorization) request.http?.headers.set("authorization", authorization);
              if (name === "hub") {
                const reps = request.variables?.["representations"];
                hubFetches.push({
                  authorization,
                  representations: Array.isArray(reps) ? reps : undefined,
                });
              }
            },
          }),
      }) as never,
    });
    ({ url: gatewayUrl } = await startStandaloneServer(gateway, {
      listen: { port: 0, host: "127.0.0.1" },
      context: async ({ req }) => ({ authorization: req.headers.authorization }),
    }));
  });
  afterAll(async () => {
    await gateway?.stop();
    await cases?.stop();
    await neighbour?.stop();
    await db?.$disconnect();
    await t?.stop();
  });

  async function ask<T>(
    token: string | undefined,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GqlResponse<T>> {
    const res = await fetch(gatewayUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T | null; errors?: GqlResponse<T>["errors"] };
    return { status: res.status, data: body.data, errors: body.errors };
  }

  /** [path, code] of each error, for comparing what arrived. */
  const codes = (errors: GqlResponse<unknown>["errors"]) =>
    (errors ?? []).map((e) => [e.path, e.extensions?.["code"]]);

  it("answers a query that spans the hub and the case subgraph, both ways", async () => {
    const fromHub = await ask<{ child: unknown }>(
      tokens.screener,
      `query ($id: ID!) { child(id: $id) { givenName caseStatus allocatedWorker } }`,
      { id: related },
    );
    expect(fromHub.errors).toBeUndefined();
    expect(fromHub.data?.child).toEqual({
      givenName: "Adagr",
      caseStatus: "CHILD_IN_NEED",
      allocatedWorker: "sw-1",
    });

    const fromCases = await ask<{ allocatedChildren: unknown[] }>(
      tokens.screener,
      `{ allocatedChildren(worker: "sw-1") { caseStatus givenName postcode } }`,
    );
    expect(fromCases.errors).toBeUndefined();
    expect(fromCases.data?.allocatedChildren).toEqual([
      { caseStatus: "CHILD_IN_NEED", givenName: "Adagr", postcode: "N1 1AA" },
      { caseStatus: "CHILD_PROTECTION", givenName: "Adagu", postcode: "N1 1AA" },
    ]);
  });

  it("joins another authority's subgraph to the hub by NHS number", async () => {
    hubFetches.length = 0;
    const res = await ask<{ transfersIn: unknown[] }>(
      tokens.screener,
      `{ transfersIn { transferredFrom givenName caseStatus } }`,
    );
    expect(res.data?.transfersIn).toEqual([
      { transferredFrom: "Northshire", givenName: "Adagr", caseStatus: "CHILD_IN_NEED" },
      { transferredFrom: "Westmoor", givenName: "Adagu", caseStatus: "CHILD_PROTECTION" },
      // a number this hub does not know: the hub answers FORBIDDEN, the others still answer
      { transferredFrom: "Eastdale", givenName: null, caseStatus: null },
    ]);
    expect(res.errors?.map((e) => [e.message, e.extensions?.["code"]])).toEqual([
      [FORBIDDEN_MESSAGE, "FORBIDDEN"],
    ]);
    // the hub was reached through _entities by NHS number
    expect(hubFetches.flatMap((f) => f.representations ?? [])).toEqual([
      { __typename: "Child", nhsNumber: relatedNhs },
      { __typename: "Child", nhsNumber: unrelatedNhs },
      { __typename: "Child", nhsNumber: unknownNhs },
    ]);
  });

  it("passes WITHHELD and FORBIDDEN through intact", async () => {
    const withheld = await ask<{ child: unknown }>(
      tokens.screener,
      `query ($id: ID!) { child(id: $id) { caseStatus policeNotifications { category summary } } }`,
      { id: unrelated },
    );
    const direct = await t.gql<{ child: unknown }>(
      tokens.screener,
      `query ($id: ID!) { child(id: $id) { policeNotifications { category summary } } }`,
      { id: unrelated },
    );
    expect(withheld.data?.child).toEqual({
      caseStatus: "CHILD_PROTECTION",
      policeNotifications: [{ category: "DOMESTIC_ABUSE", summary: null }],
    });
    expect(withheld.errors?.length).toBe(1);
    const [error] = withheld.errors ?? [];
    expect(error?.path).toEqual(["child", "policeNotifications", 0, "summary"]);
    expect(error?.message).toBe(direct.errors?.[0]?.message);
    expect(error?.extensions).toMatchObject({
      code: "WITHHELD",
      category: "POLICE_DETAIL",
      reason: "NO_CONSENT",
    });

    const forbidden = await ask<{ child: unknown }>(
      tokens.eh,
      `query ($id: ID!) { child(id: $id) { givenName caseStatus } }`,
      { id: unrelated },
    );
    expect(forbidden.data?.child).toBeNull();
    expect(codes(forbidden.errors)).toEqual([[["child"], "FORBIDDEN"]]);
    expect(forbidden.errors?.[0]?.message).toBe(FORBIDDEN_MESSAGE);
  });

  it("lets the hub decide on the caller's Authorization header, forwarded by the gateway", async () => {
    hubFetches.length = 0;
    const query = `query ($id: ID!) { child(id: $id) { givenName } }`;
    const asScreener = await ask<{ child: unknown }>(tokens.screener, query, { id: unrelated });
    const asEarlyHelp = await ask<{ child: unknown }>(tokens.eh, query, { id: unrelated });
    const anonymous = await ask<{ child: unknown }>(undefined, query, { id: unrelated });

    expect(asScreener.data?.child).toEqual({ givenName: "Adagu" });
    expect(codes(asEarlyHelp.errors)).toEqual([[["child"], "FORBIDDEN"]]);
    expect(anonymous.data?.child ?? null).toBeNull();
    expect(JSON.stringify(anonymous.errors)).toContain("UNAUTHENTICATED");
    expect(hubFetches.map((f) => f.authorization)).toEqual([
      `Bearer ${tokens.screener}`,
      `Bearer ${tokens.eh}`,
      undefined,
    ]);

    // the access events name the caller, not the gateway
    const events = await db.accessEvent.findMany({
      where: { personId: unrelated },
      orderBy: { seq: "desc" },
      take: 2,
    });
    expect(events.map((e) => [e.actor, e.disclosed, e.withheld])).toEqual([
      [EH_MANAGER, [], ["Query.child"]],
      ["screener-1", ["Child.givenName", "Query.child"], []],
    ]);
    // the other subgraphs got the same header (what they do with it is theirs to decide)
    expect(cases.authorizations).toContain(`Bearer ${tokens.screener}`);
  });

  it("does not let an early help manager open through _entities, by id or by NHS number, a child child(id:) refuses them", async () => {
    hubFetches.length = 0;
    const byId = await ask<{ allocatedChildren: unknown[] }>(
      tokens.eh,
      `{ allocatedChildren(worker: "sw-1") { caseStatus givenName dateOfBirth } }`,
    );
    expect(byId.data?.allocatedChildren).toEqual([
      { caseStatus: "CHILD_IN_NEED", givenName: "Adagr", dateOfBirth: null },
      { caseStatus: "CHILD_PROTECTION", givenName: null, dateOfBirth: null },
    ]);
    // the hub's error, at the entity's place in the caller's query, naming the hub
    expect(byId.errors).toEqual([
      {
        message: FORBIDDEN_MESSAGE,
        path: ["allocatedChildren", 1],
        extensions: { code: "FORBIDDEN", serviceName: "hub" },
      },
    ]);
    expect(hubFetches.flatMap((f) => f.representations ?? [])).toEqual([
      { __typename: "Child", id: related },
      { __typename: "Child", id: unrelated },
    ]);

    hubFetches.length = 0;
    const byNhs = await ask<{ transfersIn: unknown[] }>(
      tokens.eh,
      `{ transfersIn { transferredFrom givenName } }`,
    );
    expect(byNhs.data?.transfersIn).toEqual([
      { transferredFrom: "Northshire", givenName: "Adagr" },
      { transferredFrom: "Westmoor", givenName: null },
      { transferredFrom: "Eastdale", givenName: null },
    ]);
    // the refused child and the unknown number answer alike
    const sorted = [...(byNhs.errors ?? [])].sort((a, b) =>
      JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)),
    );
    expect(sorted.map((e) => [e.path, e.message, e.extensions])).toEqual([
      [["transfersIn", 1], FORBIDDEN_MESSAGE, { code: "FORBIDDEN", serviceName: "hub" }],
      [["transfersIn", 2], FORBIDDEN_MESSAGE, { code: "FORBIDDEN", serviceName: "hub" }],
    ]);
    expect(hubFetches.flatMap((f) => f.representations ?? [])).toEqual([
      { __typename: "Child", nhsNumber: relatedNhs },
      { __typename: "Child", nhsNumber: unrelatedNhs },
      { __typename: "Child", nhsNumber: unknownNhs },
    ]);
  });
});
