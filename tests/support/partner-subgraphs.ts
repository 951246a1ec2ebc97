// Two subgraphs written for the federation tests, each a real Apollo Federation 2 subgraph
// (@apollo/subgraph) on its own HTTP port:
// - cases: the local authority's children's social care case system. It extends Child with the
//   case status and the allocated worker, keyed by the hub's id (a MASH step-up hands it over)
//   and by NHS number.
// - neighbour: a neighbouring authority's hub, which knows a child only by NHS number (the
//   2026 Act's consistent identifier): it says where a child transferred in from.
// Each records the Authorization header of every request it receives.
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";

export const CASE_SUBGRAPH_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Query {
    "Children with an open case allocated to this worker."
    allocatedChildren(worker: String!): [Child!]!
  }

  type Child @key(fields: "id") @key(fields: "nhsNumber") {
    id: ID!
    nhsNumber: String
    caseStatus: CaseStatus
    allocatedWorker: String
  }

  enum CaseStatus {
    CONTACT
    ASSESSMENT
    CHILD_IN_NEED
    CHILD_PROTECTION
    LOOKED_AFTER
    CLOSED
  }
`;

export const NEIGHBOUR_SUBGRAPH_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Query {
    "Children whose case was transferred in to this authority."
    transfersIn: [Child!]!
  }

  type Child @key(fields: "nhsNumber") {
    nhsNumber: String
    transferredFrom: String
  }
`;

export interface CaseRecord {
  id: string;
  nhsNumber: string | null;
  caseStatus: string;
  allocatedWorker: string;
}

export interface TransferRecord {
  nhsNumber: string;
  transferredFrom: string;
}

export interface RunningSubgraph {
  url: string;
  /** The Authorization header of each request received, in order (undefined when absent). */
  authorizations: Array<string | undefined>;
  stop(): Promise<void>;
}

interface SubgraphContext {
  authorization: string | undefined;
}

type Resolvers = Record<string, Record<string, (...args: never[]) => unknown>>;

async function serve(typeDefs: string, resolvers: Resolvers): Promise<RunningSubgraph> {
  const authorizations: Array<string | undefined> = [];
  const server = new ApolloServer<SubgraphContext>({
    schema: buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers: resolvers as never }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: "127.0.0.1" },
    context: async ({ req }) => {
      const authorization = req.headers.authorization;
      authorizations.push(authorization);
      return { authorization };
    },
  });
  return { url, authorizations, stop: () => server.stop() };
}

export function startCaseSubgraph(records: readonly CaseRecord[]): Promise<RunningSubgraph> {
  const find = (ref: { id?: string; nhsNumber?: string }) =>
    records.find((r) =>
      ref.id !== undefined
        ? r.id === ref.id
        : r.nhsNumber !== null && r.nhsNumber === ref.nhsNumber,
    ) ?? null;
  return serve(CASE_SUBGRAPH_SDL, {
    Query: {
      allocatedChildren: (_p: unknown, args: { worker: string }) =>
        records.filter((r) => r.allocatedWorker === args.worker),
    },
    Child: {
      __resolveReference: (ref: { id?: string; nhsNumber?: string }) => find(ref),
    },
  });
}

export function startNeighbourSubgraph(
  records: readonly TransferRecord[],
): Promise<RunningSubgraph> {
  return serve(NEIGHBOUR_SUBGRAPH_SDL, {
    Query: { transfersIn: () => records },
    Child: {
      __resolveReference: (ref: { nhsNumber?: string }) =>
        records.find((r) => r.nhsNumber === ref.nhsNumber) ?? null,
    },
  });
}
