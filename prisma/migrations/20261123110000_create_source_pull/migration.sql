-- CreateTable
CREATE TABLE "SourcePull" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "agency" "Agency" NOT NULL,
    "lastAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSuccessAt" TIMESTAMPTZ(3),
    "lastError" TEXT,

    CONSTRAINT "SourcePull_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SourcePull_personId_agency_key" ON "SourcePull"("personId", "agency");

