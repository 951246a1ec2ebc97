// The `child` query and every field of the Child type. Thin: each field reads the request's
// child view (ctx.childView, through its DataLoaders). Every object returned carries childId.
import type { IResolvers } from "@graphql-tools/utils";
import { requireAccess, type RequestContext } from "./context.ts";
import type { ChildView, HouseholdMemberView } from "#child-view/views.ts";
import { keepOpenable } from "#access/request-access.ts";
import { then } from "#child-view/maybe-promise.ts";

/** A Child parent may be a full ChildView or just `{ id, childId }` (e.g. from Notification.child). */
type ChildParent = Pick<ChildView, "id" | "childId">;
type Ctx = RequestContext;

const person = (c: ChildParent, ctx: Ctx) => ctx.childView.child(c.id);

export const childResolvers: IResolvers<unknown, RequestContext> = {
  Query: {
    child: (_p, args: { id: string }, ctx: Ctx) => ctx.childView.open(args.id),
  },
  Child: {
    id: (c: ChildParent) => c.id,
    givenName: (c: ChildParent, _a, ctx: Ctx) => then(person(c, ctx), (p) => p?.givenName ?? null),
    familyName: (c: ChildParent, _a, ctx: Ctx) =>
      then(person(c, ctx), (p) => p?.familyName ?? null),
    dateOfBirth: (c: ChildParent, _a, ctx: Ctx) =>
      then(person(c, ctx), (p) => p?.dateOfBirth ?? null),
    expectedDueDate: (c: ChildParent, _a, ctx: Ctx) =>
      then(person(c, ctx), (p) => p?.expectedDueDate ?? null),
    postcode: (c: ChildParent, _a, ctx: Ctx) => then(person(c, ctx), (p) => p?.postcode ?? null),
    nhsNumber: (c: ChildParent, _a, ctx: Ctx) => ctx.childView.nhsNumber(c.id),
    upn: (c: ChildParent, _a, ctx: Ctx) => ctx.childView.upn(c.id),
    // A member who is a child known to the hub is listed only if the caller may open that child
    // (existence is content); the access policy records the member's disclosure on its own log.
    household: async (c: ChildParent, _a, ctx: Ctx) =>
      keepOpenable(
        requireAccess(ctx),
        await ctx.childView.household(c.id),
        (m: HouseholdMemberView) => m.memberChildId,
      ),
    agencyIdentifiers: (c: ChildParent, _a, ctx: Ctx) => ctx.childView.agencyIdentifiers(c.id),
    cpis: (c: ChildParent, _a, ctx: Ctx) => ctx.childView.cpis(c.id),
    policeNotifications: (c: ChildParent, _a, ctx: Ctx) => ctx.childView.policeNotifications(c.id),
    hospitalAttendances: (c: ChildParent, _a, ctx: Ctx) => ctx.childView.hospitalAttendances(c.id),
    attendancePattern: (c: ChildParent, _a, ctx: Ctx) => ctx.childView.attendancePattern(c.id),
    schoolAttendance: (c: ChildParent, _a, ctx: Ctx) => ctx.childView.schoolAttendance(c.id),
    earlyHelp: (c: ChildParent, _a, ctx: Ctx) => ctx.childView.earlyHelp(c.id),
    rag: (c: ChildParent, _a, ctx: Ctx) => ctx.childView.rag(c.id),
    notifications: (c: ChildParent, _a, ctx: Ctx) => ctx.childView.notifications(c.id),
    sources: (c: ChildParent, _a, ctx: Ctx) => ctx.childView.sources(c.id),
  },
};
