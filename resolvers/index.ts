// The resolver map: one module per schema area, merged here. Resolvers stay thin: they check
// arguments, call a service from the context, and map the result.
import type { IResolvers } from "@graphql-tools/utils";
import { DateScalar, DateTimeScalar, JSONScalar } from "./scalars.ts";
import { ingestionResolvers } from "./ingestion.ts";
import { consentResolvers } from "./consent.ts";
import { auditResolvers } from "./audit.ts";
import { notificationResolvers } from "./notifications.ts";
import { ragRuleResolvers } from "./rag-rules.ts";
import { alertResolvers } from "./alerts.ts";
import { childResolvers } from "./child.ts";
import { identityResolvers } from "./identity.ts";
import { rejectedEventResolvers } from "./rejected-events.ts";
import { frontDoorResolvers } from "./front-door.ts";

const placeholders: IResolvers = {
  Mutation: { _noop: () => null },
  Subscription: { _noop: { subscribe: async function* () {} } },
};

export const resolvers: IResolvers[] = [
  { Date: DateScalar, DateTime: DateTimeScalar, JSON: JSONScalar },
  placeholders,
  ingestionResolvers as IResolvers,
  consentResolvers as IResolvers,
  auditResolvers as IResolvers,
  notificationResolvers as IResolvers,
  ragRuleResolvers as IResolvers,
  alertResolvers as IResolvers,
  childResolvers as IResolvers,
  identityResolvers as IResolvers,
  rejectedEventResolvers as IResolvers,
  frontDoorResolvers as IResolvers,
];
