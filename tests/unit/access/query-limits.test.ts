import { parse } from "graphql";
import { describe, expect, it } from "@jest/globals";
import { checkQueryLimits, measureQuery } from "#server/plugins/query-limits.ts";
import { buildSchema } from "#server/schema.ts";
import { uncategorisedFields } from "#access/field-category.ts";

const schema = buildSchema();
const measure = (q: string, vars?: Record<string, unknown>) =>
  measureQuery(schema, parse(q), undefined, vars);

describe("query limits", () => {
  it("measures depth through fragments, counting each field level", () => {
    const m = measure(`
      query { child(id: "x") { ...C } }
      fragment C on Child { policeNotifications { otherPersons { role } } }`);
    expect(m.depth).toBe(4);
  });

  it("counts aliases and tokens", () => {
    const m = measure(`{ a: ragRules { id } b: ragRules { id } }`);
    expect(m.aliases).toBe(2);
    expect(m.tokens).toBe(14);
  });

  it("multiplies cost by first, from a literal or a variable", () => {
    const lit = measure(`{ notifications(first: 10) { edges { id } } }`);
    const varied = measure(`query ($n: Int) { notifications(first: $n) { edges { id } } }`, {
      n: 100,
    });
    expect(varied.cost).toBeGreaterThan(lit.cost);
  });

  it("counts a variable's default value as the literal it stands for", () => {
    const lit = measure(`{ notifications(first: 200) { edges { id } } }`);
    const byDefault = measure(
      `query ($n: Int = 200) { notifications(first: $n) { edges { id } } }`,
    );
    const given = measure(`query ($n: Int = 200) { notifications(first: $n) { edges { id } } }`, {
      n: 5,
    });
    expect(byDefault.cost).toBe(lit.cost);
    expect(given.cost).toBeLessThan(lit.cost);
  });

  it("survives a cyclic fragment (validation reports it)", () => {
    const m = measure(`{ child(id: "x") { ...A } } fragment A on Child { id ...A }`);
    expect(m.depth).toBe(2);
  });

  it("names the broken limit, at the limit and one past it", () => {
    const base = { depth: 10, aliases: 20, tokens: 2000, cost: 10_000 };
    expect(checkQueryLimits(base)).toBeUndefined();
    expect(checkQueryLimits({ ...base, depth: 11 })?.message).toBe(
      "Query too complex: deeper than the limit of 10",
    );
    expect(checkQueryLimits({ ...base, aliases: 21 })?.extensions["code"]).toBe(
      "QUERY_TOO_COMPLEX",
    );
    expect(checkQueryLimits({ ...base, cost: 10_001 })?.message).toMatch(/cost above/);
  });
});

describe("the start-up check", () => {
  it("every field of the hub's schema declares an access category", () => {
    expect(uncategorisedFields(schema)).toEqual([]);
  });
});
