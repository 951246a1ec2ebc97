-- AlterTable
ALTER TABLE "MashNotification" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'AGENCY_EVENT',
ADD COLUMN     "steppedUpAt" TIMESTAMPTZ(3),
ADD COLUMN     "steppedUpBy" TEXT;
