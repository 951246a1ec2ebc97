// accessLog. Thin: the policy admits MASH managers and auditors (AUDIT); the service pages.
import type { IResolvers } from "@graphql-tools/utils";
import type { RequestContext } from "./context.ts";

export const auditResolvers: IResolvers<unknown, RequestContext> = {
  Query: {
    accessLog: (
      _parent,
      args: { childId: string; first: number; after?: string | null },
      ctx: RequestContext,
    ) => ctx.services.audit.accessLog(args.childId, args.first, args.after),
  },
};
