// The composition check: the hub's subgraph SDL (what `_service { sdl }` serves) composes with
// other subgraphs that extend Child, with the federation composition library, without errors and
// without hints of the WARN level (the library's most serious; there is no "error" hint level).
import { describe, expect, it } from "@jest/globals";
import { parse } from "graphql";
import { subgraphSdl } from "#server/schema.ts";
import { composeSupergraph } from "#scripts/compose-supergraph.ts";
import { CASE_SUBGRAPH_SDL, NEIGHBOUR_SUBGRAPH_SDL } from "../../support/partner-subgraphs.ts";

const hub = { name: "hub", url: "http://hub.test/graphql", sdl: subgraphSdl() };
const cases = { name: "cases", url: "http://cases.test/graphql", sdl: CASE_SUBGRAPH_SDL };
const neighbour = {
  name: "neighbour",
  url: "http://neighbour.test/graphql",
  sdl: NEIGHBOUR_SUBGRAPH_SDL,
};

/** "GRAPH key" for every @join__type of a type in the supergraph SDL. */
function joinKeys(supergraphSdl: string, typeName: string): string[] {
  const type = parse(supergraphSdl).definitions.find(
    (d) => d.kind === "ObjectTypeDefinition" && d.name.value === typeName,
  );
  const directives = type && "directives" in type ? (type.directives ?? []) : [];
  return directives
    .filter((d) => d.name.value === "join__type")
    .map((d) => {
      const arg = (name: string) => {
        const v = d.arguments?.find((a) => a.name.value === name)?.value;
        return v && "value" in v ? String(v.value) : "";
      };
      return `${arg("graph")} ${arg("key")}`;
    })
    .sort();
}

describe("the hub's subgraph schema", () => {
  it("declares Child keyed by id and by NHS number, and Notification by id", () => {
    const sdl = parse(hub.sdl);
    const keys = (name: string) =>
      sdl.definitions
        .filter(
          (d) =>
            (d.kind === "ObjectTypeDefinition" || d.kind === "ObjectTypeExtension") &&
            d.name.value === name,
        )
        .flatMap((d) => ("directives" in d ? (d.directives ?? []) : []))
        .filter((d) => d.name.value === "key")
        .map((d) => {
          const fields = d.arguments?.find((a) => a.name.value === "fields")?.value;
          return fields && "value" in fields ? String(fields.value) : "";
        })
        .sort();
    expect(keys("Child")).toEqual(["id", "nhsNumber"]);
    expect(keys("Notification")).toEqual(["id"]);
    expect(hub.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2');
  });

  it("composes with a case subgraph and a neighbouring hub without errors or warnings", () => {
    const result = composeSupergraph([hub, cases, neighbour]);
    if (!result.ok) throw new Error(`composition failed:\n${result.errors.join("\n")}`);
    expect(result.hints.filter((h) => h.level === "WARN")).toEqual([]);
    // Child is one entity of three subgraphs, joined by the keys each declares
    expect(joinKeys(result.supergraphSdl, "Child")).toEqual([
      "CASES id",
      "CASES nhsNumber",
      "HUB id",
      "HUB nhsNumber",
      "NEIGHBOUR nhsNumber",
    ]);
    expect(joinKeys(result.supergraphSdl, "Notification")).toEqual(["HUB id"]);
    expect(result.supergraphSdl).toMatch(/caseStatus: CaseStatus @join__field\(graph: CASES\)/);
    expect(result.supergraphSdl).toMatch(/givenName: String @join__field\(graph: HUB\)/);
  });

  it("fails the check when another subgraph disagrees with the hub about Child", () => {
    const clash = {
      name: "clash",
      url: "http://clash.test/graphql",
      sdl: /* GraphQL */ `
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        type Query {
          clashing: [Child!]!
        }
        type Child @key(fields: "id") {
          id: ID!
          givenName: Int
        }
      `,
    };
    const result = composeSupergraph([hub, clash]);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.some((e) => e.includes("Child.givenName"))).toBe(true);
  });
});
