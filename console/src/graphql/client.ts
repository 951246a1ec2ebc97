// The Apollo client: queries and mutations over HTTP, the alertRaised subscription over
// graphql-ws, both with the signed-in person's token and nothing else. Responses keep partial
// data and their errors (errorPolicy "all"): a withheld field is an error at its path beside
// everything else the person may see.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { ErrorLink } from "@apollo/client/link/error";
import { ServerError } from "@apollo/client/errors";
import { getMainDefinition } from "@apollo/client/utilities";
import { createClient } from "graphql-ws";
import { Kind, OperationTypeNode } from "graphql";

/** Whether the live (graphql-ws) connection is up, for the screens that show live data. */
export type LiveState = "idle" | "connecting" | "connected" | "closed";
let liveState: LiveState = "idle";
const liveListeners = new Set<(s: LiveState) => void>();
function setLive(s: LiveState) {
  liveState = s;
  for (const l of liveListeners) l(s);
}
export function subscribeLiveState(listener: (s: LiveState) => void): () => void {
  liveListeners.add(listener);
  listener(liveState);
  return () => liveListeners.delete(listener);
}

export function createApolloClient(token: string, onUnauthenticated: () => void) {
  const http = new HttpLink({
    uri: "/graphql",
    headers: { authorization: `Bearer ${token}`, "x-access-purpose": "MASH hub console" },
    credentials: "omit",
  });
  const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
  const ws = new GraphQLWsLink(
    createClient({
      url: wsUrl,
      connectionParams: {
        authorization: `Bearer ${token}`,
        "x-access-purpose": "MASH hub console",
      },
      retryAttempts: 20,
      shouldRetry: () => true,
      on: {
        connecting: () => setLive("connecting"),
        connected: () => setLive("connected"),
        closed: (event) => {
          setLive("closed");
          const code = (event as CloseEvent | undefined)?.code;
          if (code === 4401 || code === 4403) onUnauthenticated();
        },
      },
    }),
  );
  const errors = new ErrorLink(({ error }) => {
    if (ServerError.is(error) && error.statusCode === 401) onUnauthenticated();
  });
  const link = ApolloLink.split(
    ({ query }) => {
      const def = getMainDefinition(query);
      return (
        def.kind === Kind.OPERATION_DEFINITION && def.operation === OperationTypeNode.SUBSCRIPTION
      );
    },
    ws,
    errors.concat(http),
  );
  return new ApolloClient({
    link,
    cache: new InMemoryCache({
      typePolicies: {
        // withheld fields differ per person and per moment: never merge children across answers
        Child: { keyFields: false },
        Query: { fields: { notifications: { merge: false }, myAlerts: { merge: false } } },
      },
    }),
    defaultOptions: {
      watchQuery: { errorPolicy: "all", fetchPolicy: "network-only" },
      query: { errorPolicy: "all", fetchPolicy: "network-only" },
      mutate: { errorPolicy: "all" },
    },
  });
}
