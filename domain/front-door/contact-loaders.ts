// Per-request DataLoaders for what the front door adds to a Notification (referral, step-up
// request, decision, escalations, next actions, when the referrer was told), batched by
// notification id so that a list of contacts costs one query per kind. Keys keep their order.
import DataLoader from "dataloader";
import type { Db } from "#db/client.ts";
import {
  mapDecision,
  mapEscalation,
  mapNextAction,
  mapReferral,
  mapStepUpRequest,
  stepUpAsReferral,
} from "./map-rows.ts";
import type {
  DecisionView,
  EscalationView,
  NextActionView,
  ReferralView,
  StepUpRequestView,
} from "./types.ts";

/** A notification as the loaders need it: its id and its child. */
export interface ContactKey {
  id: string;
  childId: string;
}

const byId = <T>(keys: readonly ContactKey[], found: Map<string, T>, fallback: T) =>
  keys.map((k) => found.get(k.id) ?? fallback);
const cacheKeyFn = (k: ContactKey) => k.id;

export function createContactLoaders(db: Db) {
  const ids = (keys: readonly ContactKey[]) => [...new Set(keys.map((k) => k.id))];
  const child = (keys: readonly ContactKey[]) => new Map(keys.map((k) => [k.id, k.childId]));
  return {
    referral: new DataLoader<ContactKey, ReferralView | null, string>(
      async (keys) => {
        const c = child(keys);
        const [referrals, stepUps] = await Promise.all([
          db.referral.findMany({ where: { notificationId: { in: ids(keys) } } }),
          db.stepUpRequest.findMany({ where: { notificationId: { in: ids(keys) } } }),
        ]);
        const found = new Map<string, ReferralView>();
        for (const r of referrals)
          found.set(r.notificationId, mapReferral(r, c.get(r.notificationId)!));
        for (const s of stepUps) {
          found.set(s.notificationId, stepUpAsReferral(s, c.get(s.notificationId)!));
        }
        return byId(keys, found, null);
      },
      { cacheKeyFn },
    ),
    stepUpRequest: new DataLoader<ContactKey, StepUpRequestView | null, string>(
      async (keys) => {
        const c = child(keys);
        const rows = await db.stepUpRequest.findMany({
          where: { notificationId: { in: ids(keys) } },
        });
        const found = new Map(
          rows.map((r) => [r.notificationId, mapStepUpRequest(r, c.get(r.notificationId)!)]),
        );
        return byId(keys, found, null);
      },
      { cacheKeyFn },
    ),
    decision: new DataLoader<ContactKey, DecisionView | null, string>(
      async (keys) => {
        const c = child(keys);
        const rows = await db.decision.findMany({ where: { notificationId: { in: ids(keys) } } });
        const found = new Map(
          rows.map((r) => [r.notificationId, mapDecision(r, c.get(r.notificationId)!)]),
        );
        return byId(keys, found, null);
      },
      { cacheKeyFn },
    ),
    escalations: new DataLoader<ContactKey, EscalationView[], string>(
      async (keys) => {
        const c = child(keys);
        const rows = await db.escalation.findMany({
          where: { notificationId: { in: ids(keys) } },
          orderBy: [{ raisedAt: "asc" }, { id: "asc" }],
        });
        const found = new Map<string, EscalationView[]>();
        for (const r of rows) {
          const list = found.get(r.notificationId) ?? [];
          list.push(mapEscalation(r, c.get(r.notificationId)!));
          found.set(r.notificationId, list);
        }
        return byId(keys, found, []);
      },
      { cacheKeyFn },
    ),
    actions: new DataLoader<ContactKey, NextActionView[], string>(
      async (keys) => {
        const c = child(keys);
        const rows = await db.nextAction.findMany({
          where: { notificationId: { in: ids(keys) } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        });
        const found = new Map<string, NextActionView[]>();
        for (const r of rows) {
          const list = found.get(r.notificationId) ?? [];
          list.push(mapNextAction(r, c.get(r.notificationId)!));
          found.set(r.notificationId, list);
        }
        return byId(keys, found, []);
      },
      { cacheKeyFn },
    ),
    referrerInformedAt: new DataLoader<ContactKey, Date | null, string>(
      async (keys) => {
        const rows = await db.referrerEmail.findMany({
          where: { notificationId: { in: ids(keys) }, status: "SENT" },
          select: { notificationId: true, sentAt: true },
        });
        const found = new Map(rows.map((r) => [r.notificationId, r.sentAt]));
        return byId(keys, found, null);
      },
      { cacheKeyFn },
    ),
  };
}

export type ContactLoaders = ReturnType<typeof createContactLoaders>;
