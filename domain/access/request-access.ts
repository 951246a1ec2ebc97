// Per-request access state: the caller, the clock the policy uses, batched and cached consent
// and relationship look-ups (DataLoader), and the recorder the audit plugin drains. Kept in a
// WeakMap keyed by the request context, so it lives exactly as long as the request.
import DataLoader from "dataloader";
import type { Viewer } from "#auth/viewer.ts";
import type { Db } from "#db/client.ts";
import { AccessRecorder } from "./access-recorder.ts";
import { consentStanding, type ConsentView } from "./consent-standing.ts";
import type { ChildFacts } from "./decide.ts";
import { loadConsents, loadRelatedChildren } from "./load-child-facts.ts";

export interface RequestAccess {
  viewer: Viewer;
  now: Date;
  recorder: AccessRecorder;
  /** Objects returned under a child's field, mapped to that child (context for nested fields). */
  childOf: WeakMap<object, string>;
  /** Loads what is missing; undefined when everything asked for is already known. */
  ensure(childId: string, consent: boolean, relationship: boolean): Promise<void> | undefined;
  /** Facts from what is loaded (call ensure first). */
  facts(childId: string): ChildFacts;
}

interface AccessContext {
  viewer: Viewer | null;
  services: { db: Db };
}

const states = new WeakMap<object, RequestAccess>();

/** The request's access state, made on first use; undefined for an unauthenticated context. */
export function requestAccess(ctx: AccessContext): RequestAccess | undefined {
  const existing = states.get(ctx);
  if (existing) return existing;
  if (!ctx.viewer) return undefined;
  const state = createRequestAccess(ctx.services.db, ctx.viewer, new Date());
  states.set(ctx, state);
  return state;
}

/** The state if the request used any, without making one (for the audit plugin). */
export function peekRequestAccess(ctx: object): RequestAccess | undefined {
  return states.get(ctx);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isChildId = (id: unknown): id is string => typeof id === "string" && UUID.test(id);

export function createRequestAccess(db: Db, viewer: Viewer, now: Date): RequestAccess {
  const consents = new Map<string, ConsentView[]>();
  const related = new Map<string, boolean>();
  const consentLoader = new DataLoader<string, ConsentView[]>(async (ids) => {
    const found = await loadConsents(db, ids);
    return ids.map((id) => {
      const list = found.get(id) ?? [];
      consents.set(id, list);
      return list;
    });
  });
  const relationLoader = new DataLoader<string, boolean>(async (ids) => {
    const found = await loadRelatedChildren(db, viewer.sub, viewer.role, ids);
    return ids.map((id) => {
      const r = found.has(id);
      related.set(id, r);
      return r;
    });
  });
  return {
    viewer,
    now,
    recorder: new AccessRecorder(),
    childOf: new WeakMap(),
    ensure(childId, consent, relationship) {
      const pending: Promise<unknown>[] = [];
      if (consent && !consents.has(childId)) pending.push(consentLoader.load(childId));
      if (relationship && !related.has(childId)) pending.push(relationLoader.load(childId));
      if (pending.length === 0) return undefined;
      return Promise.all(pending).then(() => undefined);
    },
    facts(childId) {
      return {
        related: related.get(childId) ?? false,
        consent: (agency, overridesApply) =>
          consentStanding(consents.get(childId) ?? [], agency, now, overridesApply),
      };
    },
  };
}
