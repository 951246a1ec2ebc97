// The audit service as the composition root exposes it.
import type { Db, Tx } from "#db/client.ts";
import { listAccessEvents, type AccessEventPage } from "./list-access-events.ts";
import { verifyAccessChain, type ChainReport } from "./verify-chain.ts";
import { createAuditWriter } from "./audit-writer.ts";
import { appendAccessEventsInTx, type NewAccessEvent } from "./append-access-events.ts";

export function createAuditService(db: Db, chainKey: string) {
  const writer = createAuditWriter(db, chainKey);
  return {
    /** Appends events to the chain (group commit); resolves once they are committed. */
    append: (events: readonly NewAccessEvent[]): Promise<void> => writer.append(events),
    accessLog: (
      childId: string,
      first: number,
      after: string | null | undefined,
    ): Promise<AccessEventPage> => listAccessEvents(db, childId, first, after),
    verifyChain: (): Promise<ChainReport> => verifyAccessChain(db, chainKey),
    /** For a change that must be audited in its own transaction (consent, rejected events). */
    appendInTx: async (tx: Tx, events: readonly NewAccessEvent[]): Promise<void> => {
      await appendAccessEventsInTx(tx, chainKey, events);
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
