// Random selection sets over the hub's schema, and what a response disclosed, for the access
// property tests.
import fc from "fast-check";
import { getNamedType, isCompositeType, isObjectType, type GraphQLObjectType } from "graphql";

/** A random non-empty selection set of an object type, at most `depth` levels deep. */
export function selection(type: GraphQLObjectType, depth: number): fc.Arbitrary<string> {
  const fields = Object.values(type.getFields()).filter((f) =>
    f.args.every((a) => a.defaultValue !== undefined || !String(a.type).endsWith("!")),
  );
  const leaves = fields.filter((f) => !isCompositeType(getNamedType(f.type)));
  const objects = depth > 1 ? fields.filter((f) => isObjectType(getNamedType(f.type))) : [];
  const leafArb = fc.subarray(leaves.map((f) => f.name));
  const objectArbs = objects.map((f) =>
    fc.option(
      selection(getNamedType(f.type) as GraphQLObjectType, depth - 1).map(
        (s) => `${f.name} { ${s} }`,
      ),
      { nil: undefined },
    ),
  );
  return fc.tuple(leafArb, ...objectArbs).map(([ls, ...os]) => {
    const parts = [...ls, ...os.filter((o): o is string => o !== undefined)];
    return parts.length > 0 ? parts.join(" ") : "__typename";
  });
}

/** Type.field paths that carry a non-null value, and any DETAIL ones among them. */
export function disclosedPaths(type: GraphQLObjectType, value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) disclosedPaths(type, v, out);
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (name === "__typename" || v === null || v === undefined) continue;
    const field = type.getFields()[name];
    if (!field) continue;
    out.add(`${type.name}.${name}`);
    const named = getNamedType(field.type);
    if (isObjectType(named)) disclosedPaths(named, v, out);
  }
}
