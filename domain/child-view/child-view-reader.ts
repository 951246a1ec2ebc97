// The unified child view as one request reads it: every section of what the agencies know about
// a child, through that request's DataLoaders (one query per relation per tick, however many
// children are asked). Made per request by the child-view service and kept on the request
// context, so resolvers ask `ctx.childView.policeNotifications(id)`.
import { attendancePattern, currentEpisode, currentPlan, latestPeriod } from "./derived.ts";
import type { ChildLoaders } from "./loaders.ts";
import {
  mapChild,
  mapCpisPlan,
  mapEarlyHelp,
  mapEdAttendance,
  mapIdentifier,
  mapPoliceNotification,
  mapSchoolAttendance,
} from "./map-rows.ts";
import {
  AGENCIES,
  type AgencyIdentifierView,
  type AttendancePatternView,
  type ChildView,
  type SourceStatusView,
} from "./views.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createChildViewReader(l: ChildLoaders) {
  return {
    /** The child with this id; a merged record answers as the child it was merged into. */
    async child(id: string): Promise<ChildView | null> {
      if (!UUID.test(id)) return null;
      let person = await l.person.load(id);
      for (let hops = 0; person?.mergedIntoId && hops < 10; hops++) {
        person = await l.person.load(person.mergedIntoId);
      }
      if (!person || !person.isChild) return null;
      return mapChild(person);
    },

    async agencyIdentifiers(id: string): Promise<AgencyIdentifierView[]> {
      return (await l.identifiers.load(id)).flatMap((i) => mapIdentifier(i) ?? []);
    },
    async nhsNumber(id: string) {
      return (await l.identifiers.load(id)).find((i) => i.kind === "NHS_NUMBER")?.value ?? null;
    },
    async upn(id: string) {
      return (await l.identifiers.load(id)).find((i) => i.kind === "UPN")?.value ?? null;
    },
    /** Everyone sharing a household with the child; members who are children say so. */
    household: (id: string) => l.household.load(id),

    async cpis(id: string) {
      await l.pulls.load(id);
      const plan = currentPlan(await l.cpisPlans.load(id));
      return plan ? mapCpisPlan(plan) : null;
    },
    async policeNotifications(id: string) {
      return (await l.policeNotifications.load(id)).map(mapPoliceNotification);
    },
    async hospitalAttendances(id: string) {
      return (await l.edAttendances.load(id)).map(mapEdAttendance);
    },
    async attendancePattern(id: string, asOf = new Date()): Promise<AttendancePatternView> {
      return { childId: id, ...attendancePattern(await l.edAttendances.load(id), asOf) };
    },
    async schoolAttendance(id: string) {
      await l.pulls.load(id);
      const latest = latestPeriod(await l.schoolAttendances.load(id));
      return latest ? mapSchoolAttendance(latest) : null;
    },
    async earlyHelp(id: string) {
      const e = currentEpisode(await l.earlyHelpEpisodes.load(id));
      return e ? mapEarlyHelp(e) : null;
    },
    rag: (id: string) => l.rag.load(id),
    notifications: (id: string) => l.notifications.load(id),

    /** Which agencies answered for this view, as of when, and why not. */
    async sources(id: string): Promise<SourceStatusView[]> {
      const [pulled, pushed] = await Promise.all([l.pulls.load(id), l.pushedAsOf.load(id)]);
      return AGENCIES.map((agency) => {
        const pull = agency === "CPIS" || agency === "EDUCATION" ? pulled[agency] : undefined;
        if (!pull && (agency === "CPIS" || agency === "EDUCATION")) {
          // A pull-capable agency with no URL configured was not asked: say so, so that an
          // empty CP-IS section is never read as "CP-IS says no plan".
          return {
            childId: id,
            agency,
            ok: false,
            asOf: pushed[agency] ?? null,
            error: `NOT_CONFIGURED: ${agency} is not asked by this hub; only records it pushed are shown`,
          };
        }
        if (!pull)
          return { childId: id, agency, ok: true, asOf: pushed[agency] ?? null, error: null };
        return {
          childId: id,
          agency,
          ok: pull.ok,
          asOf: pull.asOf ?? pushed[agency] ?? null,
          error: pull.error,
        };
      });
    },
  };
}

export type ChildViewReader = ReturnType<typeof createChildViewReader>;
