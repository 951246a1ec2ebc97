// useQuery with the console's own result types. Answers may be partial (errorPolicy "all": a
// withheld field is null with an error at its path); the screens read every field as optional
// where the contract makes it nullable, so the cast below only names the shape.
import { useQuery } from "@apollo/client/react";
import type { DocumentNode } from "graphql";

export function useGqlQuery<T>(
  doc: DocumentNode,
  options: { variables?: Record<string, unknown>; pollInterval?: number; skip?: boolean } = {},
) {
  const result = useQuery(doc, options);
  return {
    data: result.data as T | undefined,
    loading: result.loading,
    error: result.error,
    refetch: result.refetch,
  };
}
