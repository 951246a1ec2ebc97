-- Rejected events: the agency each came from (so that a MASH manager's replay is checked
-- against it), and an index for the retention purge (REJECTED_EVENT_RETENTION_DAYS).
ALTER TABLE "RejectedEvent" ADD COLUMN "agency" "Agency";

CREATE INDEX "RejectedEvent_rejectedAt_idx" ON "RejectedEvent"("rejectedAt");
