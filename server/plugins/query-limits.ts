// Query limits (OWASP GraphQL cheat sheet): depth, aliases, tokens and an estimated cost, each
// with a clear QUERY_TOO_COMPLEX error. Pure analysis of a parsed document; the Apollo plugin
// and the WebSocket server both call it.
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  isCompositeType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  isObjectType,
  isInterfaceType,
} from "graphql";

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxAliases: 20,
  maxTokens: 2000,
  maxCost: 10_000,
};

/** A list field without a `first` argument is assumed to hold this many items. */
const ASSUMED_LIST_SIZE = 10;

export interface QueryMeasures {
  depth: number;
  aliases: number;
  tokens: number;
  cost: number;
}

export function measureQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): QueryMeasures {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    if (d.kind === Kind.OPERATION_DEFINITION) operations.push(d);
  }
  const op =
    operations.find((o) => (operationName ? o.name?.value === operationName : true)) ??
    operations[0];
  // a variable left out takes its default: `query($n: Int = 200)` costs what `first: 200` does
  const values = { ...variableDefaults(op), ...variables };
  let aliases = 0;
  let maxDepth = 0;
  const root =
    op?.operation === "mutation"
      ? schema.getMutationType()
      : op?.operation === "subscription"
        ? schema.getSubscriptionType()
        : schema.getQueryType();

  const walk = (
    set: SelectionSetNode,
    type: GraphQLCompositeType | undefined,
    depth: number,
    seen: Set<string>,
  ): number => {
    let cost = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.alias) aliases++;
        if (s.name.value.startsWith("__")) continue;
        const fieldDef =
          type && (isObjectType(type) || isInterfaceType(type))
            ? type.getFields()[s.name.value]
            : undefined;
        const fieldDepth = depth + 1;
        if (fieldDepth > maxDepth) maxDepth = fieldDepth;
        let multiplier = 1;
        if (fieldDef && isListType(getNullableType(fieldDef.type))) {
          const firstArg = s.arguments?.find((a) => a.name.value === "first");
          const given = firstArg ? valueFromASTUntyped(firstArg.value, values) : undefined;
          const fallback = fieldDef.args.find((a) => a.name === "first")?.defaultValue;
          // _entities (federation) answers one item per representation: count them
          const repsArg = s.arguments?.find((a) => a.name.value === "representations");
          const reps = repsArg ? valueFromASTUntyped(repsArg.value, values) : undefined;
          const n = Array.isArray(reps)
            ? reps.length
            : typeof given === "number"
              ? given
              : typeof fallback === "number"
                ? fallback
                : undefined;
          multiplier = s.name.value === "edges" ? 1 : Math.max(1, n ?? ASSUMED_LIST_SIZE);
        } else if (fieldDef) {
          const firstArg = s.arguments?.find((a) => a.name.value === "first");
          const given = firstArg ? valueFromASTUntyped(firstArg.value, values) : undefined;
          const fallback = fieldDef.args.find((a) => a.name === "first")?.defaultValue;
          const n = typeof given === "number" ? given : typeof fallback === "number" ? fallback : 1;
          multiplier = Math.max(1, n);
        }
        const named = fieldDef ? getNamedType(fieldDef.type) : undefined;
        const child = named && isCompositeType(named) ? named : undefined;
        const inner = s.selectionSet ? walk(s.selectionSet, child, fieldDepth, seen) : 0;
        cost += 1 + multiplier * inner;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const cond = s.typeCondition ? schema.getType(s.typeCondition.name.value) : undefined;
        const t = cond && isCompositeType(cond) ? cond : type;
        cost += walk(s.selectionSet, t, depth, seen);
      } else {
        const name = s.name.value;
        const frag = fragments.get(name);
        if (!frag || seen.has(name)) continue; // unknown or cyclic: validation reports it
        const cond = schema.getType(frag.typeCondition.name.value);
        const t = cond && isCompositeType(cond) ? cond : type;
        cost += walk(frag.selectionSet, t, depth, new Set([...seen, name]));
      }
    }
    return cost;
  };
  const cost = op && root ? walk(op.selectionSet, root, 0, new Set()) : 0;
  return { depth: maxDepth, aliases, tokens: countTokens(document), cost };
}

function variableDefaults(op: OperationDefinitionNode | undefined): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const d of op?.variableDefinitions ?? []) {
    if (d.defaultValue) defaults[d.variable.name.value] = valueFromASTUntyped(d.defaultValue);
  }
  return defaults;
}

function countTokens(document: DocumentNode): number {
  let n = 0;
  for (let t = document.loc?.startToken ?? null; t; t = t.next) {
    if (t.kind !== "<SOF>" && t.kind !== "<EOF>") n++;
  }
  return n;
}

/** The first limit the query breaks, as a GraphQL error; undefined when within every limit. */
export function checkQueryLimits(
  measures: QueryMeasures,
  limits: QueryLimits = DEFAULT_QUERY_LIMITS,
): GraphQLError | undefined {
  const broken: Array<[keyof QueryMeasures, number, string]> = [
    ["depth", limits.maxDepth, "deeper than"],
    ["aliases", limits.maxAliases, "more aliases than"],
    ["tokens", limits.maxTokens, "more tokens than"],
    ["cost", limits.maxCost, "an estimated cost above"],
  ];
  for (const [measure, limit, words] of broken) {
    if (measures[measure] > limit) {
      return new GraphQLError(`Query too complex: ${words} the limit of ${limit}`, {
        extensions: {
          code: "QUERY_TOO_COMPLEX",
          limit: measure,
          max: limit,
          measured: measures[measure],
          http: { status: 400 },
        },
      });
    }
  }
  return undefined;
}
