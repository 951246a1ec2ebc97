// The unified child view: one child (or many) and every section of what the agencies know, read
// through the request's DataLoaders. Pulled agencies (CP-IS, education) are asked on demand
// through their connectors; a slow or failing agency leaves its section stale and says so in
// `sources`.
import type { Config } from "#config/index.ts";
import type { Db } from "#db/client.ts";
import type { Logger } from "#logging/logger.ts";
import type { Viewer } from "#auth/viewer.ts";
import { cpis as cpisAdapter } from "#connectors/cpis/index.ts";
import { education as educationAdapter } from "#connectors/education/index.ts";
import { findChildren, type ChildSearch } from "#identity/find-children.ts";
import { childIdsByNhsNumber } from "#identity/children-by-nhs-number.ts";
import {
  listOpenReviews,
  resolveMatchReview,
  type MatchDecision,
} from "#identity/match-reviews.ts";
import { attendancePattern, currentEpisode, currentPlan, latestPeriod } from "./derived.ts";
import { createChildLoaders, type ChildLoaders, type LoaderOptions } from "./loaders.ts";
import {
  mapChild,
  mapCpisPlan,
  mapEarlyHelp,
  mapEdAttendance,
  mapIdentifier,
  mapPoliceNotification,
  mapSchoolAttendance,
} from "./map-rows.ts";
import { pullSources, type PullRequest } from "./pull-sources.ts";
import {
  AGENCIES,
  type AgencyIdentifierView,
  type AttendancePatternView,
  type ChildView,
  type SourceStatusView,
} from "./views.ts";

export interface ChildViewDeps {
  config: Config;
  db: Db;
  logger: Logger;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createChildViewService(deps: ChildViewDeps) {
  const { db, logger, config } = deps;
  const c = config.connectors;
  const cpis = c.cpis.url
    ? cpisAdapter.pull.createClient({ baseUrl: c.cpis.url, timeoutMs: c.cpis.timeoutMs })
    : undefined;
  const education = c.education.url
    ? educationAdapter.pull.createClient({
        baseUrl: c.education.url,
        timeoutMs: c.education.timeoutMs,
      })
    : undefined;

  function createLoaders(options: Partial<LoaderOptions> = {}): ChildLoaders {
    const onQuery = options.onQuery;
    return createChildLoaders(
      db,
      (personIds, identifiers) => {
        const requests: PullRequest[] = personIds.map((personId) => {
          const ids = identifiers.get(personId) ?? [];
          return {
            personId,
            nhsNumber: ids.find((i) => i.kind === "NHS_NUMBER" && !i.agency)?.value,
            upn: ids.find((i) => i.kind === "UPN" && !i.agency)?.value,
          };
        });
        return pullSources(
          {
            db,
            logger,
            cpis,
            education,
            freshnessMs: c.freshnessMs,
            ...(onQuery ? { onQuery } : {}),
          },
          requests,
        );
      },
      { batch: options.batch ?? true, ...(onQuery ? { onQuery } : {}) },
    );
  }

  async function identifiers(l: ChildLoaders, id: string): Promise<AgencyIdentifierView[]> {
    return (await l.identifiers.load(id)).flatMap((i) => mapIdentifier(i) ?? []);
  }

  return {
    createLoaders,
    connectors: { cpis, education },

    /** The child with this id; a merged record answers as the child it was merged into. */
    async child(l: ChildLoaders, id: string): Promise<ChildView | null> {
      if (!UUID.test(id)) return null;
      let person = await l.person.load(id);
      for (let hops = 0; person?.mergedIntoId && hops < 10; hops++) {
        person = await l.person.load(person.mergedIntoId);
      }
      if (!person || !person.isChild) return null;
      return mapChild(person);
    },

    agencyIdentifiers: identifiers,
    async nhsNumber(l: ChildLoaders, id: string) {
      return (await l.identifiers.load(id)).find((i) => i.kind === "NHS_NUMBER")?.value ?? null;
    },
    async upn(l: ChildLoaders, id: string) {
      return (await l.identifiers.load(id)).find((i) => i.kind === "UPN")?.value ?? null;
    },
    household: (l: ChildLoaders, id: string) => l.household.load(id),

    async cpis(l: ChildLoaders, id: string) {
      await l.pulls.load(id);
      const plan = currentPlan(await l.cpisPlans.load(id));
      return plan ? mapCpisPlan(plan) : null;
    },
    async policeNotifications(l: ChildLoaders, id: string) {
      return (await l.policeNotifications.load(id)).map(mapPoliceNotification);
    },
    async hospitalAttendances(l: ChildLoaders, id: string) {
      return (await l.edAttendances.load(id)).map(mapEdAttendance);
    },
    async attendancePattern(
      l: ChildLoaders,
      id: string,
      asOf = new Date(),
    ): Promise<AttendancePatternView> {
      return { childId: id, ...attendancePattern(await l.edAttendances.load(id), asOf) };
    },
    async schoolAttendance(l: ChildLoaders, id: string) {
      await l.pulls.load(id);
      const latest = latestPeriod(await l.schoolAttendances.load(id));
      return latest ? mapSchoolAttendance(latest) : null;
    },
    async earlyHelp(l: ChildLoaders, id: string) {
      const e = currentEpisode(await l.earlyHelpEpisodes.load(id));
      return e ? mapEarlyHelp(e) : null;
    },
    rag: (l: ChildLoaders, id: string) => l.rag.load(id),
    notifications: (l: ChildLoaders, id: string) => l.notifications.load(id),

    /** Which agencies answered for this view, as of when, and why not. */
    async sources(l: ChildLoaders, id: string): Promise<SourceStatusView[]> {
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

    findChildren: (search: ChildSearch, first: number) => findChildren(db, search, first),
    /** For the federation key by NHS number: known numbers → child ids (before merges). */
    childIdsByNhsNumber: (numbers: readonly string[]) => childIdsByNhsNumber(db, numbers),
    matchReviews: (first: number, after: string | null | undefined) =>
      listOpenReviews(db, first, after),
    resolveMatchReview: (
      viewer: Viewer,
      id: string,
      decision: MatchDecision,
      childId: string | null | undefined,
    ) => resolveMatchReview(db, viewer, id, decision, childId),
  };
}

export type ChildViewService = ReturnType<typeof createChildViewService>;
