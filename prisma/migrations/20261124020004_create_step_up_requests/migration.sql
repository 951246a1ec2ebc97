-- CreateTable
CREATE TABLE "StepUpRequest" (
    "id" UUID NOT NULL,
    "notificationId" UUID NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestedByName" TEXT,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT NOT NULL,
    "riskOfSignificantHarm" BOOLEAN NOT NULL,
    "needsUnmetAndWhy" TEXT NOT NULL,
    "familyEngagement" TEXT NOT NULL,
    "familyToldOfStepUp" BOOLEAN NOT NULL,
    "timescaleForChange" TEXT NOT NULL,
    "lackOfEngagement" BOOLEAN NOT NULL,
    "informationForSocialCare" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL,
    "managerSignOff" BOOLEAN,

    CONSTRAINT "StepUpRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StepUpRequest_notificationId_key" ON "StepUpRequest"("notificationId");

-- AddForeignKey
ALTER TABLE "StepUpRequest" ADD CONSTRAINT "StepUpRequest_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "MashNotification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
