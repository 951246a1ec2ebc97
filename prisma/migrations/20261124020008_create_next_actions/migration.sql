-- CreateTable
CREATE TABLE "NextAction" (
    "id" UUID NOT NULL,
    "notificationId" UUID NOT NULL,
    "dailyDiscussionId" UUID,
    "action" TEXT NOT NULL,
    "assignee" TEXT,
    "dueBy" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    "completedAt" TIMESTAMPTZ(3),
    "completedBy" TEXT,

    CONSTRAINT "NextAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NextAction_notificationId_createdAt_idx" ON "NextAction"("notificationId", "createdAt");

-- CreateIndex
CREATE INDEX "NextAction_action_createdAt_idx" ON "NextAction"("action", "createdAt");

-- AddForeignKey
ALTER TABLE "NextAction" ADD CONSTRAINT "NextAction_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "MashNotification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NextAction" ADD CONSTRAINT "NextAction_dailyDiscussionId_fkey" FOREIGN KEY ("dailyDiscussionId") REFERENCES "DailyDiscussion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
