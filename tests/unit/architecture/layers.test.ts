// The root shows the architecture and dependencies point one way (docs/architecture.md):
// platform ← connectors ← domain ← resolvers, consumers ← server; tools and tests sit outside.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const outside = new Set(["tests", "tools", "node_modules", "docs", "prisma", "schema"]);
const aliases = Object.entries(
  (
    JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
      imports: Record<string, string>;
    }
  ).imports,
).map(([from, to]) => [from.replace("/*", "/"), to.replace("./", "").replace("/*", "/")] as const);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules" || name.startsWith(".")) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".test.ts") ? [full] : [];
  });
}

/** The top-level folder an import points into, or undefined for a package. */
function targetFolder(fromFile: string, spec: string): string | undefined {
  let rel: string | undefined;
  if (spec.startsWith(".")) rel = path.relative(root, path.resolve(path.dirname(fromFile), spec));
  else if (spec.startsWith("#")) {
    const hit = aliases.find(([from]) => spec.startsWith(from));
    if (!hit) throw new Error(`${spec}: no such alias in package.json imports`);
    rel = hit[1] + spec.slice(hit[0].length);
  }
  return rel?.split(path.sep)[0];
}

function importEdges(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  const folders = readdirSync(root).filter(
    (n) => !n.startsWith(".") && !outside.has(n) && statSync(path.join(root, n)).isDirectory(),
  );
  for (const folder of folders) {
    for (const file of sourceFiles(path.join(root, folder))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["']([.#][^"']+)["']/g)) {
        const target = targetFolder(file, m[1]!);
        if (!target || target === folder) continue;
        if (!edges.has(folder)) edges.set(folder, new Set());
        edges.get(folder)!.add(target);
      }
    }
  }
  return edges;
}

function cycles(edges: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  const visit = (node: string, trail: string[]) => {
    if (trail.includes(node)) {
      found.push([...trail.slice(trail.indexOf(node)), node].join(" → "));
      return;
    }
    for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
  };
  for (const node of edges.keys()) visit(node, []);
  return found;
}

describe("the layout", () => {
  const edges = importEdges();

  it("has at most 12 folders at the root", () => {
    const folders = readdirSync(root).filter(
      (n) =>
        !n.startsWith(".") && n !== "node_modules" && statSync(path.join(root, n)).isDirectory(),
    );
    expect(folders.length).toBeLessThanOrEqual(12);
  });

  it("has no import cycle between top-level folders", () => {
    expect(cycles(edges)).toEqual([]);
  });

  it("lets nothing but tools and tests import the server", () => {
    const importers = [...edges].filter(([, to]) => to.has("server")).map(([from]) => from);
    expect(importers).toEqual([]);
  });

  it("keeps the platform free of domain, connectors and the GraphQL layer", () => {
    expect([...(edges.get("platform") ?? [])]).toEqual([]);
  });

  it("keeps the domain below resolvers, consumers and the server", () => {
    const above = ["resolvers", "consumers", "server"];
    expect([...(edges.get("domain") ?? [])].filter((t) => above.includes(t))).toEqual([]);
  });
});
