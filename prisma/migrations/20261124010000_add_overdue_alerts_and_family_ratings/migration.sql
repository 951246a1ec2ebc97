-- RAG rules version 2 (issue 11).
-- An event about one child can re-rate the other children of the family, so a notification is
-- one per (triggering event, child), not one per triggering event.
-- DropIndex
DROP INDEX "MashNotification_triggeringEventId_key";

-- A contact past its dueBy undecided raises one OVERDUE alert to MASH managers: the column records it.
-- AlterTable
ALTER TABLE "MashNotification" ADD COLUMN     "overdueAlertedAt" TIMESTAMPTZ(3);

-- Every assessment records its rule version (column since the first migration): this index
-- answers "since when has this version been in force" (ragRuleSet.inForceSince).
-- CreateIndex
CREATE INDEX "RagAssessment_ruleVersion_assessedAt_idx" ON "RagAssessment"("ruleVersion", "assessedAt");

-- CreateIndex
CREATE UNIQUE INDEX "MashNotification_triggeringEventId_personId_key" ON "MashNotification"("triggeringEventId", "personId");
