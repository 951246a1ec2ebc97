// Everything HTTP does to an operation before it runs, done for graphql-ws in the same order
// and with the same rules: the caller's token, parsing (with the token limit), validation (no
// introspection in production), the query limits (variables' defaults included), and the
// request context. Refusals come back as GraphQL errors with the codes HTTP gives them; the
// formatter (format-error.ts) then shows them exactly as it does over HTTP.
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from "graphql";
import type { SubscribePayload } from "graphql-ws";
import type { Services } from "#domain/services.ts";
import { DomainError, toGraphQLError } from "#errors/domain-error.ts";
import { RequestErrorCode } from "#errors/codes.ts";
import { buildContext } from "#resolvers/context.ts";
import { checkQueryLimits, measureQuery, type QueryLimits } from "../plugins/query-limits.ts";

export interface OperationRules {
  schema: GraphQLSchema;
  services: Services;
  limits: QueryLimits;
  production: boolean;
}

export type ConnectionParams = Record<string, unknown> | undefined;

export async function prepareOperation(
  rules: OperationRules,
  params: ConnectionParams,
  payload: SubscribePayload,
): Promise<ExecutionArgs | readonly GraphQLError[]> {
  const header = params?.["authorization"] ?? params?.["Authorization"];
  const purpose = params?.["x-access-purpose"];
  let viewer;
  try {
    viewer = await rules.services.verifyToken(typeof header === "string" ? header : undefined);
  } catch (error) {
    if (error instanceof DomainError) return [toGraphQLError(error)];
    throw error;
  }

  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens: rules.limits.maxTokens });
  } catch (error) {
    return [withCode(error, RequestErrorCode.GRAPHQL_PARSE_FAILED)];
  }

  const validationRules = rules.production
    ? [...specifiedRules, NoSchemaIntrospectionCustomRule]
    : specifiedRules;
  const invalid = validate(rules.schema, document, validationRules);
  if (invalid.length > 0) {
    return invalid.map((e) => withCode(e, RequestErrorCode.GRAPHQL_VALIDATION_FAILED));
  }

  const variables = payload.variables ?? undefined;
  const measures = measureQuery(rules.schema, document, payload.operationName, variables);
  const tooComplex = checkQueryLimits(measures, rules.limits);
  if (tooComplex) return [tooComplex];

  return {
    schema: rules.schema,
    document,
    operationName: payload.operationName,
    variableValues: variables,
    contextValue: buildContext(
      rules.services,
      viewer,
      typeof purpose === "string" ? purpose : undefined,
    ),
  };
}

function withCode(error: unknown, code: RequestErrorCode): GraphQLError {
  if (!(error instanceof GraphQLError))
    return new GraphQLError(String(error), { extensions: { code } });
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code },
  });
}
