-- CreateTable
CREATE TABLE "ReferrerEmail" (
    "id" UUID NOT NULL,
    "notificationId" UUID NOT NULL,
    "toAddress" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "advice" TEXT NOT NULL,
    "reference" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "lastError" TEXT,

    CONSTRAINT "ReferrerEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReferrerEmail_notificationId_key" ON "ReferrerEmail"("notificationId");

-- CreateIndex
CREATE INDEX "ReferrerEmail_status_nextAttemptAt_idx" ON "ReferrerEmail"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "ReferrerEmail" ADD CONSTRAINT "ReferrerEmail_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "MashNotification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
