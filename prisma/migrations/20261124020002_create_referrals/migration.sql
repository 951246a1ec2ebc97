-- CreateTable
CREATE TABLE "Referral" (
    "id" UUID NOT NULL,
    "notificationId" UUID NOT NULL,
    "submittedBy" TEXT NOT NULL,
    "submittedRole" TEXT NOT NULL,
    "clientReference" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "referrerName" TEXT NOT NULL,
    "referrerRole" TEXT NOT NULL,
    "referrerOrganisation" TEXT,
    "referrerEmail" TEXT,
    "referrerPhone" TEXT,
    "concerns" TEXT NOT NULL,
    "immediateRisk" BOOLEAN NOT NULL,
    "familyMembers" JSONB NOT NULL,
    "previousSupport" TEXT,
    "parentsInformed" BOOLEAN NOT NULL,
    "consent" TEXT NOT NULL,
    "consentReason" TEXT,
    "missing" JSONB NOT NULL DEFAULT '[]',
    "identityOutcome" TEXT NOT NULL,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Referral_notificationId_key" ON "Referral"("notificationId");

-- CreateIndex
CREATE INDEX "Referral_receivedAt_idx" ON "Referral"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_submittedBy_clientReference_key" ON "Referral"("submittedBy", "clientReference");

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "MashNotification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
