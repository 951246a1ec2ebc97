// The query limits count `_entities` by its representations: one entity costs what child(id:)
// costs, and a batch of n costs n times that (not the assumed list size of an unbounded list).
import { parse } from "graphql";
import { describe, expect, it } from "@jest/globals";
import { measureQuery } from "#server/plugins/query-limits.ts";
import { buildSchema } from "#server/schema.ts";

const schema = buildSchema();
const selection = "policeNotifications { category summary } household { givenName }";
const entitiesCost = (n: number) =>
  measureQuery(
    schema,
    parse(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Child { ${selection} } } }`,
    ),
    undefined,
    { r: Array.from({ length: n }, (_, i) => ({ __typename: "Child", id: String(i) })) },
  ).cost;

describe("the cost of _entities", () => {
  it("is, for one representation, the cost of child(id:) with the same selection", () => {
    const child = measureQuery(
      schema,
      parse(`{ child(id: "x") { ${selection} } }`),
      undefined,
      {},
    ).cost;
    expect(entitiesCost(1)).toBe(child);
  });

  it("grows with the number of representations", () => {
    expect(entitiesCost(40) - 1).toBe(40 * (entitiesCost(1) - 1));
  });
});
