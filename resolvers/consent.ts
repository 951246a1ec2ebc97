// recordConsent. Thin: the consent service validates, stores and audits.
import type { IResolvers } from "@graphql-tools/utils";
import type { RequestContext } from "./context.ts";
import type { ConsentInput } from "#consent/validate-consent.ts";
import { unauthenticated } from "#errors/domain-error.ts";

export const consentResolvers: IResolvers<unknown, RequestContext> = {
  Mutation: {
    recordConsent: (_parent, args: { input: ConsentInput }, ctx: RequestContext) => {
      if (!ctx.viewer) throw unauthenticated();
      return ctx.services.consent.record(ctx.viewer, ctx.purpose, args.input);
    },
  },
};
