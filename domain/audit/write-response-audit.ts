// Turns what the policy recorded during one response (or one delivery of a subscription event)
// into access events: one per child, and one per search.
import { POLICY_VERSION } from "#access/categories.ts";
import type { AccessRecorder } from "#access/access-recorder.ts";
import type { Viewer } from "#auth/viewer.ts";
import type { NewAccessEvent } from "./append-access-events.ts";

/** What the audit needs from the request context (resolvers/context.ts has it). */
export interface AuditedContext {
  requestId: string;
  viewer: Viewer | null;
  purpose: string | undefined;
  recorder: AccessRecorder;
  services: { audit: { append(events: readonly NewAccessEvent[]): Promise<void> } };
}

/** Writes the response's access events; resolves to the number written. Throws if it cannot. */
export async function writeResponseAudit(ctx: AuditedContext): Promise<number> {
  const viewer = ctx.viewer;
  if (!viewer || ctx.recorder.size === 0) return 0;
  const { children, searches } = ctx.recorder.drain();
  const who = {
    actor: viewer.sub,
    role: viewer.role,
    purpose: ctx.purpose,
    policyVersion: POLICY_VERSION,
  };
  const events: NewAccessEvent[] = [
    ...children.map((e) => ({
      ...who,
      personId: e.childId,
      legalBasis: e.legalBases.length > 0 ? e.legalBases.join(",") : undefined,
      disclosed: e.disclosed,
      withheld: e.withheld,
    })),
    ...searches.map((s) => ({
      ...who,
      personId: null,
      legalBasis: undefined,
      disclosed: [s.operation],
      withheld: [],
      criteria: s.criteria,
      resultCount: s.resultCount,
    })),
  ];
  await ctx.services.audit.append(events);
  return events.length;
}
