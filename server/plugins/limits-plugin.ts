// Apollo plugin: refuses, before execution, an operation beyond the query limits.
import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "#resolvers/context.ts";
import { checkQueryLimits, measureQuery, type QueryLimits } from "./query-limits.ts";

export function queryLimitsPlugin(limits?: QueryLimits): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request }) {
          const measures = measureQuery(schema, document, request.operationName, request.variables);
          const error = checkQueryLimits(measures, limits);
          if (error) throw error;
        },
      };
    },
  };
}
