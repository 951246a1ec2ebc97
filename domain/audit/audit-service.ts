// The audit service as the composition root exposes it.
import type { Db } from "#db/client.ts";
import { listAccessEvents, type AccessEventPage } from "./list-access-events.ts";
import { verifyAccessChain, type ChainReport } from "./verify-chain.ts";
import { createAuditWriter } from "./audit-writer.ts";
import type { NewAccessEvent } from "./append-access-events.ts";

export function createAuditService(db: Db) {
  const writer = createAuditWriter(db);
  return {
    /** Appends events to the chain (group commit); resolves once they are committed. */
    append: (events: readonly NewAccessEvent[]): Promise<void> => writer.append(events),
    accessLog: (
      childId: string,
      first: number,
      after: string | null | undefined,
    ): Promise<AccessEventPage> => listAccessEvents(db, childId, first, after),
    verifyChain: (): Promise<ChainReport> => verifyAccessChain(db),
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
