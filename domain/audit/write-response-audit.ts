// Turns what the policy recorded during one response into access events (one per child).
import { POLICY_VERSION } from "#access/categories.ts";
import { peekRequestAccess } from "#access/request-access.ts";
import type { NewAccessEvent } from "./append-access-events.ts";

interface AuditedContext {
  purpose: string | undefined;
  services: { audit: { append(events: readonly NewAccessEvent[]): Promise<void> } };
}

/** Writes the response's access events; resolves to the number written. Throws if it cannot. */
export async function writeResponseAudit(ctx: AuditedContext): Promise<number> {
  const state = peekRequestAccess(ctx);
  if (!state || state.recorder.size === 0) return 0;
  const entries = state.recorder.drain();
  await ctx.services.audit.append(
    entries.map((e) => ({
      personId: e.childId,
      actor: state.viewer.sub,
      role: state.viewer.role,
      purpose: ctx.purpose,
      legalBasis: e.legalBases.length > 0 ? e.legalBases.join(",") : undefined,
      disclosed: e.disclosed,
      withheld: e.withheld,
      policyVersion: POLICY_VERSION,
    })),
  );
  return entries.length;
}
