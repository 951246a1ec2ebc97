-- CreateTable
CREATE TABLE "Escalation" (
    "id" UUID NOT NULL,
    "notificationId" UUID NOT NULL,
    "raisedBy" TEXT NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "resolution" TEXT,
    "decisionChanged" BOOLEAN,
    "resolvedBy" TEXT,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Escalation_notificationId_raisedAt_idx" ON "Escalation"("notificationId", "raisedAt");

-- CreateIndex
CREATE INDEX "Escalation_raisedAt_idx" ON "Escalation"("raisedAt");

-- CreateIndex
CREATE INDEX "Escalation_resolvedAt_idx" ON "Escalation"("resolvedAt");

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "MashNotification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
