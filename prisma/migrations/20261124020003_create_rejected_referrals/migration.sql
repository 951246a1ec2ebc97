-- CreateTable
CREATE TABLE "RejectedReferral" (
    "id" UUID NOT NULL,
    "submittedBy" TEXT NOT NULL,
    "submittedRole" TEXT NOT NULL,
    "clientReference" TEXT,
    "reason" TEXT NOT NULL,
    "issues" JSONB NOT NULL,
    "input" JSONB NOT NULL,
    "rejectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RejectedReferral_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RejectedReferral_submittedBy_rejectedAt_idx" ON "RejectedReferral"("submittedBy", "rejectedAt");
