// The `child` query and every field of the Child type. Thin: each field asks the child-view
// service, which reads through the request's DataLoaders. Every object returned carries childId.
import type { IResolvers } from "@graphql-tools/utils";
import type { RequestContext } from "./context.ts";
import type { ChildView } from "#child-view/views.ts";

/** A Child parent may be a full ChildView or just `{ id, childId }` (e.g. from Notification.child). */
type ChildParent = Pick<ChildView, "id" | "childId">;

const person = (c: ChildParent, ctx: RequestContext) =>
  ctx.services.childView.child(ctx.loaders, c.id);

export const childResolvers: IResolvers<unknown, RequestContext> = {
  Query: {
    child: (_p, args: { id: string }, ctx: RequestContext) =>
      ctx.services.childView.child(ctx.loaders, args.id),
  },
  Child: {
    id: (c: ChildParent) => c.id,
    givenName: async (c: ChildParent, _a, ctx: RequestContext) =>
      (await person(c, ctx))?.givenName ?? null,
    familyName: async (c: ChildParent, _a, ctx: RequestContext) =>
      (await person(c, ctx))?.familyName ?? null,
    dateOfBirth: async (c: ChildParent, _a, ctx: RequestContext) =>
      (await person(c, ctx))?.dateOfBirth ?? null,
    expectedDueDate: async (c: ChildParent, _a, ctx: RequestContext) =>
      (await person(c, ctx))?.expectedDueDate ?? null,
    postcode: async (c: ChildParent, _a, ctx: RequestContext) =>
      (await person(c, ctx))?.postcode ?? null,
    nhsNumber: (c: ChildParent, _a, ctx: RequestContext) =>
      ctx.services.childView.nhsNumber(ctx.loaders, c.id),
    upn: (c: ChildParent, _a, ctx: RequestContext) => ctx.services.childView.upn(ctx.loaders, c.id),
    household: (c: ChildParent, _a, ctx: RequestContext) =>
      ctx.services.childView.household(ctx.loaders, c.id),
    agencyIdentifiers: (c: ChildParent, _a, ctx: RequestContext) =>
      ctx.services.childView.agencyIdentifiers(ctx.loaders, c.id),
    cpis: (c: ChildParent, _a, ctx: RequestContext) =>
      ctx.services.childView.cpis(ctx.loaders, c.id),
    policeNotifications: (c: ChildParent, _a, ctx: RequestContext) =>
      ctx.services.childView.policeNotifications(ctx.loaders, c.id),
    hospitalAttendances: (c: ChildParent, _a, ctx: RequestContext) =>
      ctx.services.childView.hospitalAttendances(ctx.loaders, c.id),
    attendancePattern: (c: ChildParent, _a, ctx: RequestContext) =>
      ctx.services.childView.attendancePattern(ctx.loaders, c.id),
    schoolAttendance: (c: ChildParent, _a, ctx: RequestContext) =>
      ctx.services.childView.schoolAttendance(ctx.loaders, c.id),
    earlyHelp: (c: ChildParent, _a, ctx: RequestContext) =>
      ctx.services.childView.earlyHelp(ctx.loaders, c.id),
    rag: (c: ChildParent, _a, ctx: RequestContext) => ctx.services.childView.rag(ctx.loaders, c.id),
    notifications: (c: ChildParent, _a, ctx: RequestContext) =>
      ctx.services.childView.notifications(ctx.loaders, c.id),
    sources: (c: ChildParent, _a, ctx: RequestContext) =>
      ctx.services.childView.sources(ctx.loaders, c.id),
  },
};
