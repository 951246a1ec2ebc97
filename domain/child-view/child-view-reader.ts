// The unified child view as one request reads it: every section of what the agencies know about
// a child, through that request's DataLoaders (one query per relation per tick, however many
// children are asked). Made per request by the child-view service and kept on the request
// context, so resolvers ask `ctx.childView.policeNotifications(id)`. A child opened by
// `child(id)` is answered at once from the rows that opened it (loaders.ts `openedNow`), where no
// pulled agency has to be asked first; anything else is loaded.
import type { PersonIdentifier } from "#db/generated/client.ts";
import { attendancePattern, currentEpisode, currentPlan, latestPeriod } from "./derived.ts";
import type { ChildRecords } from "./load-child-records.ts";
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
import { isPromise, then, type MaybePromise } from "./maybe-promise.ts";
import type { PullOutcome, PulledAgency } from "./pull-sources.ts";
import {
  AGENCIES,
  type AgencyIdentifierView,
  type AttendancePatternView,
  type ChildView,
  type SourceStatusView,
} from "./views.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Pulled = Partial<Record<PulledAgency, PullOutcome>>;
const NOTHING_PULLED: Pulled = {};

export function createChildViewReader(l: ChildLoaders) {
  /** One part of an opened child's records, now; else through its loader. */
  function part<K extends keyof ChildRecords>(
    id: string,
    key: K,
    load: () => Promise<ChildRecords[K]>,
  ): MaybePromise<ChildRecords[K]> {
    const opened = l.openedNow(id);
    return opened ? opened.records[key] : load();
  }

  /** A pulled part: without pulled agencies, what was pushed (now, if opened). */
  function pulledPart<K extends "cpisPlans" | "schoolAttendances">(
    id: string,
    key: K,
    load: () => Promise<ChildRecords[K]>,
  ): MaybePromise<ChildRecords[K]> {
    if (!l.pullsConfigured) return part(id, key, load);
    return l.pulls.load(id).then(load);
  }

  const pulls = (id: string): MaybePromise<Pulled> =>
    l.pullsConfigured ? l.pulls.load(id) : NOTHING_PULLED;
  const identifiers = (id: string): MaybePromise<PersonIdentifier[]> =>
    part(id, "identifiers", () => l.identifiers.load(id));
  const edAttendances = (id: string) => part(id, "edAttendances", () => l.edAttendances.load(id));

  /** The child with this id; a merged record answers as the child it was merged into. */
  function child(id: string): MaybePromise<ChildView | null> {
    if (!UUID.test(id)) return null;
    const opened = l.openedNow(id);
    if (opened && !opened.person?.mergedIntoId) {
      return opened.person?.isChild ? mapChild(opened.person) : null;
    }
    return followMerges(id);
  }

  async function followMerges(id: string): Promise<ChildView | null> {
    let person = await l.person.load(id);
    for (let hops = 0; person?.mergedIntoId && hops < 10; hops++) {
      person = await l.person.load(person.mergedIntoId);
    }
    if (!person || !person.isChild) return null;
    return mapChild(person);
  }

  return {
    child,
    /**
     * Query.child: the child with everything the view shows read at once (one statement), then
     * answered as `child` answers.
     */
    async open(id: string): Promise<ChildView | null> {
      if (!UUID.test(id)) return null;
      await l.opened.load(id);
      return child(id);
    },

    agencyIdentifiers(id: string): MaybePromise<AgencyIdentifierView[]> {
      return then(identifiers(id), (list) => list.flatMap((i) => mapIdentifier(i) ?? []));
    },
    nhsNumber(id: string) {
      return then(
        identifiers(id),
        (list) => list.find((i) => i.kind === "NHS_NUMBER")?.value ?? null,
      );
    },
    upn(id: string) {
      return then(identifiers(id), (list) => list.find((i) => i.kind === "UPN")?.value ?? null);
    },
    /** Everyone sharing a household with the child; members who are children say so. */
    household: (id: string) => part(id, "household", () => l.household.load(id)),

    cpis(id: string) {
      return then(
        pulledPart(id, "cpisPlans", () => l.cpisPlans.load(id)),
        (plans) => {
          const plan = currentPlan(plans);
          return plan ? mapCpisPlan(plan) : null;
        },
      );
    },
    policeNotifications(id: string) {
      return then(
        part(id, "policeNotifications", () => l.policeNotifications.load(id)),
        (list) => list.map(mapPoliceNotification),
      );
    },
    hospitalAttendances(id: string) {
      return then(edAttendances(id), (list) => list.map(mapEdAttendance));
    },
    attendancePattern(id: string, asOf = new Date()): MaybePromise<AttendancePatternView> {
      return then(edAttendances(id), (list) => ({
        childId: id,
        ...attendancePattern(list, asOf),
      }));
    },
    schoolAttendance(id: string) {
      return then(
        pulledPart(id, "schoolAttendances", () => l.schoolAttendances.load(id)),
        (periods) => {
          const latest = latestPeriod(periods);
          return latest ? mapSchoolAttendance(latest) : null;
        },
      );
    },
    earlyHelp(id: string) {
      return then(
        part(id, "earlyHelpEpisodes", () => l.earlyHelpEpisodes.load(id)),
        (list) => {
          const e = currentEpisode(list);
          return e ? mapEarlyHelp(e) : null;
        },
      );
    },
    rag(id: string) {
      const opened = l.openedNow(id);
      return opened ? opened.rag : l.rag.load(id);
    },
    notifications: (id: string) => l.notifications.load(id),

    /** Which agencies answered for this view, as of when, and why not. */
    sources(id: string): MaybePromise<SourceStatusView[]> {
      const pulled = pulls(id);
      const pushed = part(id, "pushedAsOf", () => l.pushedAsOf.load(id));
      if (!isPromise(pulled) && !isPromise(pushed)) return sourceStatus(id, pulled, pushed);
      return Promise.all([pulled, pushed]).then(([p, q]) => sourceStatus(id, p, q));
    },
  };
}

function sourceStatus(
  id: string,
  pulled: Pulled,
  pushed: ChildRecords["pushedAsOf"],
): SourceStatusView[] {
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
    if (!pull) return { childId: id, agency, ok: true, asOf: pushed[agency] ?? null, error: null };
    return {
      childId: id,
      agency,
      ok: pull.ok,
      asOf: pull.asOf ?? pushed[agency] ?? null,
      error: pull.error,
    };
  });
}

export type ChildViewReader = ReturnType<typeof createChildViewReader>;
