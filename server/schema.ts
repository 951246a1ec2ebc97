// Builds the executable schema from schema/*.graphql and the resolver map, as an Apollo
// Federation 2 subgraph (docs/federation.md): @apollo/subgraph checks the SDL as a subgraph and
// adds the protocol (_service, _entities and their types); makeExecutableSchema attaches the
// resolvers; the access policy then wraps every field, the protocol's included.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { parse, type GraphQLSchema } from "graphql";
import { resolvers } from "#resolvers/index.ts";
import { entityResolvers } from "#resolvers/entities.ts";
import { applyAccessPolicy } from "#access/apply-access-policy.ts";
import { guardEntityDoor } from "#access/entity-door.ts";

const schemaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "schema");

export function loadTypeDefs(): string[] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => readFileSync(path.join(schemaDir, f), "utf8"));
}

/**
 * The fields @apollo/subgraph adds declare their category like every other field (deny by
 * default): _service any valid token may read; _entities is a door into children (IDENTITY, as
 * child(id:)), and the entity door decides, per entity, whether it may be opened.
 */
const PROTOCOL_ACCESS = /* GraphQL */ `
  extend type Query {
    _entities(representations: [_Any!]!): [_Entity]! @access(category: IDENTITY)
    _service: _Service! @access(category: PUBLIC)
  }
  extend type _Service @access(category: PUBLIC)
`;

interface Subgraph {
  /** schema/*.graphql with the protocol's types, directives and fields (no resolvers). */
  protocol: GraphQLSchema;
  /** What `_service { sdl }` answers: the subgraph SDL composition tools read. */
  sdl: string;
}

let built: Subgraph | undefined;

function subgraph(): Subgraph {
  if (built) return built;
  const protocol = buildSubgraphSchema(parse(loadTypeDefs().join("\n")));
  // The library's own _service answer, so that the hub serves exactly what an Apollo subgraph would.
  const service = protocol.getQueryType()?.getFields()["_service"];
  const answer = service?.resolve?.(undefined, {}, undefined, undefined as never) as
    { sdl?: unknown } | undefined;
  if (typeof answer?.sdl !== "string") throw new Error("@apollo/subgraph gave no _service SDL");
  built = { protocol, sdl: answer.sdl };
  return built;
}

/** The hub's subgraph SDL, as `_service { sdl }` serves it (for composition checks and tools). */
export function subgraphSdl(): string {
  return subgraph().sdl;
}

/** The schema with the access policy applied to every field: what the hub serves. */
export function buildSchema(): GraphQLSchema {
  return guardEntityDoor(applyAccessPolicy(buildUnguardedSchema()));
}

/** The same schema without the policy: only for the policy-overhead benchmark and tests. */
export function buildUnguardedSchema(): GraphQLSchema {
  const { protocol, sdl } = subgraph();
  return makeExecutableSchema({
    typeDefs: [protocol, PROTOCOL_ACCESS],
    resolvers: [...resolvers, entityResolvers, { Query: { _service: () => ({ sdl }) } }],
  });
}
