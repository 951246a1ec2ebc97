// Builds the executable schema from schema/*.graphql and the resolver map.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import { resolvers } from "#resolvers/index.ts";
import { applyAccessPolicy } from "#access/apply-access-policy.ts";

const schemaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "schema");

export function loadTypeDefs(): string[] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => readFileSync(path.join(schemaDir, f), "utf8"));
}

/** The schema with the access policy applied to every field: what the hub serves. */
export function buildSchema(): GraphQLSchema {
  return applyAccessPolicy(buildUnguardedSchema());
}

/** The same schema without the policy: only for the policy-overhead benchmark and tests. */
export function buildUnguardedSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers });
}
