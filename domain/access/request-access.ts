// The access state of one request: who asks, the clock the policy reads, and the consent and
// relationship facts about the children in view, loaded in batches (DataLoader) and kept for
// this request only. It is a field of the request context (resolvers/context.ts), made once per
// HTTP request and once per delivery of a subscription event, so no fact outlives the moment it
// was read for.
import DataLoader from "dataloader";
import { isEarlyHelpRole, type Viewer } from "#auth/viewer.ts";
import type { Db } from "#db/client.ts";
import { consentStanding, type ConsentView } from "./consent-standing.ts";
import { mayOpenChild, type ChildFacts } from "./decide.ts";
import { loadConsents, loadRelatedChildren } from "./load-child-facts.ts";

export interface FactsNeeded {
  consent: boolean;
  relationship: boolean;
}

export interface RequestAccess {
  readonly viewer: Viewer;
  /** The moment this request's decisions are made at. */
  readonly now: Date;
  /** Objects returned under a child's field, mapped to that child (context for nested fields). */
  readonly childOf: WeakMap<object, string>;
  /**
   * Loads the facts about these children that are not loaded yet; undefined (nothing to wait
   * for) when they all are, so that the policy can decide a field without a promise.
   */
  load(childIds: readonly string[], needed: FactsNeeded): Promise<void> | undefined;
  /** The facts about a child, from what is loaded (call load first). */
  facts(childId: string): ChildFacts;
  /** Those of these children the caller may open at all (the rest: as if unknown). */
  openable(childIds: readonly string[]): Promise<Set<string>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isChildId = (id: unknown): id is string => typeof id === "string" && UUID.test(id);

export function createRequestAccess(db: Db, viewer: Viewer, now: Date): RequestAccess {
  const consents = new DataLoader<string, ConsentView[]>(async (ids) => {
    const found = await loadConsents(db, ids);
    return ids.map((id) => found.get(id) ?? []);
  });
  const relations = new DataLoader<string, boolean>(async (ids) => {
    const found = await loadRelatedChildren(db, viewer.sub, viewer.role, ids);
    return ids.map((id) => found.has(id));
  });
  // what is loaded, readable without waiting (the policy is synchronous)
  const consentOf = new Map<string, ConsentView[]>();
  const relatedTo = new Map<string, boolean>();

  function load(childIds: readonly string[], needed: FactsNeeded): Promise<void> | undefined {
    const loads: Promise<unknown>[] = [];
    for (const id of childIds) {
      if (needed.consent && !consentOf.has(id)) {
        loads.push(
          consents.load(id).then((list) => {
            consentOf.set(id, list);
            factsOf.delete(id);
          }),
        );
      }
      if (needed.relationship && !relatedTo.has(id)) {
        loads.push(
          relations.load(id).then((r) => {
            relatedTo.set(id, r);
            factsOf.delete(id);
          }),
        );
      }
    }
    return loads.length > 0 ? Promise.all(loads).then(() => undefined) : undefined;
  }

  // one facts object per child while its facts stay as they are (a load that adds to them drops
  // it): the policy asks for every field of a response
  const factsOf = new Map<string, ChildFacts>();
  function facts(childId: string): ChildFacts {
    let f = factsOf.get(childId);
    if (!f) {
      const consents = consentOf.get(childId) ?? [];
      f = {
        related: relatedTo.get(childId) ?? false,
        consent: (agency, overridesApply) => consentStanding(consents, agency, now, overridesApply),
      };
      factsOf.set(childId, f);
    }
    return f;
  }

  return {
    viewer,
    now,
    childOf: new WeakMap(),
    load,
    facts,
    async openable(childIds) {
      const ids = childIds.filter(isChildId);
      await load(ids, { consent: false, relationship: isEarlyHelpRole(viewer.role) });
      return new Set(ids.filter((id) => mayOpenChild(viewer.role, () => facts(id).related)));
    },
  };
}

/**
 * Existence is content: of these items, those about no known child or about a child the caller
 * may open. The rest are left out, as if the hub did not know them.
 */
export async function keepOpenable<T>(
  access: RequestAccess,
  items: readonly T[],
  childOf: (item: T) => string | undefined,
): Promise<T[]> {
  const ids = items.flatMap((i) => childOf(i) ?? []);
  const open = ids.length > 0 ? await access.openable(ids) : new Set<string>();
  return items.filter((i) => {
    const id = childOf(i);
    return id === undefined || open.has(id);
  });
}
