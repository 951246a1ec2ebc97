// The consent service as the composition root exposes it.
import type { Viewer } from "#auth/viewer.ts";
import type { Db } from "#db/client.ts";
import type { AuditService } from "#audit/audit-service.ts";
import { recordConsent, type Consent } from "./record-consent.ts";
import type { ConsentInput } from "./validate-consent.ts";

export function createConsentService(db: Db, audit: Pick<AuditService, "appendInTx">) {
  return {
    record: (viewer: Viewer, purpose: string | undefined, input: ConsentInput): Promise<Consent> =>
      recordConsent(db, audit, viewer, purpose, input),
  };
}
export type ConsentService = ReturnType<typeof createConsentService>;
