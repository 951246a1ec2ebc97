// The audit service as the composition root exposes it.
import type { Db } from "../db/client.ts";
import { listAccessEvents, type AccessEventPage } from "./list-access-events.ts";
import { verifyAccessChain, type ChainReport } from "./verify-chain.ts";

export function createAuditService(db: Db) {
  return {
    accessLog: (
      childId: string,
      first: number,
      after: string | null | undefined,
    ): Promise<AccessEventPage> => listAccessEvents(db, childId, first, after),
    verifyChain: (): Promise<ChainReport> => verifyAccessChain(db),
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
