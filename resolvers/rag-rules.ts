// ragRuleSet and its types. Thin: the notifications service knows the rule set in force.
import type { IResolvers } from "@graphql-tools/utils";
import type { RequestContext } from "./context.ts";

export const ragRuleResolvers: IResolvers<unknown, RequestContext> = {
  Query: {
    ragRuleSet: (_p, args: { version?: number | null }, ctx: RequestContext) =>
      ctx.services.notifications.ragRuleSet(args.version),
  },
};
