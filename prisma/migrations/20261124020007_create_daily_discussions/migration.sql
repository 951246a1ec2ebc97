-- CreateTable
CREATE TABLE "DailyDiscussion" (
    "id" UUID NOT NULL,
    "notificationId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "livedExperienceFromChild" TEXT,
    "livedExperienceInferred" TEXT,
    "decision" TEXT NOT NULL,
    "reviewOn" DATE,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DailyDiscussion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DailyDiscussion_date_idx" ON "DailyDiscussion"("date");

-- CreateIndex
CREATE UNIQUE INDEX "DailyDiscussion_notificationId_date_key" ON "DailyDiscussion"("notificationId", "date");

-- AddForeignKey
ALTER TABLE "DailyDiscussion" ADD CONSTRAINT "DailyDiscussion_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "MashNotification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
