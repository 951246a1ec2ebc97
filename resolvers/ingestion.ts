// submitAgencyEvent: the push API over GraphQL. Thin: the ingestion service checks and does it.
import type { IResolvers } from "@graphql-tools/utils";
import type { RequestContext } from "./context.ts";

export const ingestionResolvers: IResolvers<unknown, RequestContext> = {
  Mutation: {
    submitAgencyEvent: (_parent, args: { event: unknown }, ctx: RequestContext) =>
      ctx.services.ingestion.submit(ctx.viewer, args.event),
  },
};
