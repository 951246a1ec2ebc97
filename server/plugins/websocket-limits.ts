// graphql-ws: the same query limits for operations over WebSocket. Anything that does not parse
// is left to graphql-ws, which reports it as usual.
import { parse, type DocumentNode, type GraphQLError, type GraphQLSchema } from "graphql";
import { checkQueryLimits, DEFAULT_QUERY_LIMITS, measureQuery } from "./query-limits.ts";

interface SubscribePayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export function checkWebSocketLimits(
  schema: GraphQLSchema,
  payload: SubscribePayload,
): readonly GraphQLError[] | undefined {
  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens: DEFAULT_QUERY_LIMITS.maxTokens * 5 });
  } catch {
    return undefined;
  }
  const measures = measureQuery(
    schema,
    document,
    payload.operationName,
    payload.variables ?? undefined,
  );
  const error = checkQueryLimits(measures);
  return error ? [error] : undefined;
}
