-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Agency" AS ENUM ('CPIS', 'POLICE', 'HEALTH', 'EDUCATION', 'EARLY_HELP');

-- CreateTable
CREATE TABLE "Person" (
    "id" UUID NOT NULL,
    "isChild" BOOLEAN NOT NULL DEFAULT true,
    "givenName" TEXT,
    "familyName" TEXT,
    "dateOfBirth" DATE,
    "expectedDueDate" DATE,
    "postcode" TEXT,
    "familyNameKey" TEXT,
    "givenNameKey" TEXT,
    "postcodeSector" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "mergedIntoId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonIdentifier" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "agency" "Agency",
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonIdentifier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Household" (
    "id" UUID NOT NULL,
    "sourceRef" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HouseholdMember" (
    "id" UUID NOT NULL,
    "householdId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "relationship" TEXT NOT NULL,
    "source" "Agency" NOT NULL,

    CONSTRAINT "HouseholdMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundEvent" (
    "id" UUID NOT NULL,
    "source" "Agency" NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "via" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "personId" UUID,

    CONSTRAINT "InboundEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RejectedEvent" (
    "id" UUID NOT NULL,
    "via" TEXT NOT NULL,
    "topic" TEXT,
    "partition" INTEGER,
    "offset" TEXT,
    "rawBytes" BYTEA NOT NULL,
    "reason" TEXT NOT NULL,
    "issues" JSONB NOT NULL,
    "rejectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RejectedEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CpisPlan" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "planType" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "organisationOdsCode" TEXT NOT NULL,
    "organisationName" TEXT NOT NULL,
    "contactPhone" TEXT,
    "contactEmail" TEXT,
    "eventId" UUID,
    "origin" TEXT NOT NULL DEFAULT 'PUSH',
    "fetchedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CpisPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PoliceNotification" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "merlinRef" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "category" TEXT NOT NULL,
    "riskLevel" TEXT NOT NULL,
    "childPresent" BOOLEAN NOT NULL,
    "summary" TEXT,
    "officerCollar" TEXT,
    "officerUnit" TEXT,
    "otherPersons" JSONB NOT NULL DEFAULT '[]',
    "eventId" UUID,

    CONSTRAINT "PoliceNotification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EdAttendance" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "attendanceId" TEXT NOT NULL,
    "siteOdsCode" TEXT NOT NULL,
    "arrivedAt" TIMESTAMPTZ(3) NOT NULL,
    "chiefComplaintSnomed" TEXT,
    "chiefComplaint" TEXT,
    "injury" BOOLEAN NOT NULL,
    "safeguardingConcern" BOOLEAN NOT NULL,
    "dischargeDestination" TEXT,
    "eventId" UUID,

    CONSTRAINT "EdAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolAttendance" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "schoolUrn" TEXT NOT NULL,
    "schoolName" TEXT,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "possibleSessions" INTEGER NOT NULL,
    "attendedSessions" INTEGER NOT NULL,
    "unauthorisedAbsenceSessions" INTEGER NOT NULL,
    "suspensions" INTEGER NOT NULL,
    "permanentlyExcluded" BOOLEAN NOT NULL,
    "missingEducation" BOOLEAN NOT NULL,
    "eventId" UUID,
    "origin" TEXT NOT NULL DEFAULT 'PUSH',
    "fetchedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchoolAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EarlyHelpEpisode" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "episodeId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "familyId" TEXT NOT NULL,
    "leadProfessionalId" TEXT,
    "leadProfessionalName" TEXT,
    "leadProfessionalEmail" TEXT,
    "managerId" TEXT,
    "managerName" TEXT,
    "managerEmail" TEXT,
    "eventId" UUID,

    CONSTRAINT "EarlyHelpEpisode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RagAssessment" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "rag" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "ruleVersion" INTEGER NOT NULL,
    "eventId" UUID,
    "assessedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RagAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MashNotification" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "triggeringEventId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueBy" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'AWAITING_SCREENING',
    "proposedRag" TEXT NOT NULL,
    "rag" TEXT,
    "reasons" JSONB NOT NULL,
    "ruleVersion" INTEGER NOT NULL,
    "rationale" TEXT,
    "screenedBy" TEXT,
    "screenedAt" TIMESTAMPTZ(3),
    "stepUpReason" TEXT,
    "stepUpRationale" TEXT,
    "nextActions" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "MashNotification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "notificationId" UUID NOT NULL,
    "rag" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "recipientEmail" TEXT,
    "channels" TEXT[],
    "stage" TEXT NOT NULL,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedBy" TEXT,
    "emailStatus" TEXT NOT NULL DEFAULT 'NOT_REQUIRED',
    "emailAttempts" INTEGER NOT NULL DEFAULT 0,
    "emailNextAttemptAt" TIMESTAMPTZ(3),
    "emailSentAt" TIMESTAMPTZ(3),
    "emailLastError" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentRecord" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "scope" "Agency"[],
    "legalBasis" TEXT NOT NULL,
    "justification" TEXT,
    "recordedBy" TEXT NOT NULL,
    "recordedRole" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3),

    CONSTRAINT "ConsentRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessEvent" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "personId" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "purpose" TEXT,
    "legalBasis" TEXT,
    "disclosed" TEXT[],
    "withheld" TEXT[],
    "policyVersion" INTEGER NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AccessEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchReview" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "provisionalId" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "matchedOn" TEXT[],
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedBy" TEXT,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "MatchReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Person_familyNameKey_dateOfBirth_idx" ON "Person"("familyNameKey", "dateOfBirth");

-- CreateIndex
CREATE INDEX "Person_dateOfBirth_idx" ON "Person"("dateOfBirth");

-- CreateIndex
CREATE INDEX "Person_postcodeSector_idx" ON "Person"("postcodeSector");

-- CreateIndex
CREATE INDEX "Person_familyName_givenName_dateOfBirth_idx" ON "Person"("familyName", "givenName", "dateOfBirth");

-- CreateIndex
CREATE INDEX "PersonIdentifier_personId_idx" ON "PersonIdentifier"("personId");

-- CreateIndex
CREATE INDEX "PersonIdentifier_value_idx" ON "PersonIdentifier"("value");

-- CreateIndex
CREATE UNIQUE INDEX "PersonIdentifier_kind_agency_value_key" ON "PersonIdentifier"("kind", "agency", "value");

-- CreateIndex
CREATE UNIQUE INDEX "Household_sourceRef_key" ON "Household"("sourceRef");

-- CreateIndex
CREATE INDEX "HouseholdMember_personId_idx" ON "HouseholdMember"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "HouseholdMember_householdId_personId_key" ON "HouseholdMember"("householdId", "personId");

-- CreateIndex
CREATE INDEX "InboundEvent_personId_idx" ON "InboundEvent"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "InboundEvent_source_eventId_key" ON "InboundEvent"("source", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "RejectedEvent_topic_partition_offset_key" ON "RejectedEvent"("topic", "partition", "offset");

-- CreateIndex
CREATE INDEX "CpisPlan_personId_idx" ON "CpisPlan"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "CpisPlan_personId_planType_startDate_key" ON "CpisPlan"("personId", "planType", "startDate");

-- CreateIndex
CREATE INDEX "PoliceNotification_personId_occurredAt_idx" ON "PoliceNotification"("personId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "PoliceNotification_personId_merlinRef_key" ON "PoliceNotification"("personId", "merlinRef");

-- CreateIndex
CREATE INDEX "EdAttendance_personId_arrivedAt_idx" ON "EdAttendance"("personId", "arrivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EdAttendance_siteOdsCode_attendanceId_key" ON "EdAttendance"("siteOdsCode", "attendanceId");

-- CreateIndex
CREATE INDEX "SchoolAttendance_personId_periodEnd_idx" ON "SchoolAttendance"("personId", "periodEnd");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolAttendance_personId_schoolUrn_periodStart_periodEnd_key" ON "SchoolAttendance"("personId", "schoolUrn", "periodStart", "periodEnd");

-- CreateIndex
CREATE INDEX "EarlyHelpEpisode_leadProfessionalId_status_idx" ON "EarlyHelpEpisode"("leadProfessionalId", "status");

-- CreateIndex
CREATE INDEX "EarlyHelpEpisode_managerId_status_idx" ON "EarlyHelpEpisode"("managerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "EarlyHelpEpisode_personId_episodeId_key" ON "EarlyHelpEpisode"("personId", "episodeId");

-- CreateIndex
CREATE INDEX "RagAssessment_personId_assessedAt_idx" ON "RagAssessment"("personId", "assessedAt");

-- CreateIndex
CREATE UNIQUE INDEX "MashNotification_triggeringEventId_key" ON "MashNotification"("triggeringEventId");

-- CreateIndex
CREATE INDEX "MashNotification_status_createdAt_idx" ON "MashNotification"("status", "createdAt");

-- CreateIndex
CREATE INDEX "MashNotification_personId_createdAt_idx" ON "MashNotification"("personId", "createdAt");

-- CreateIndex
CREATE INDEX "MashNotification_dueBy_idx" ON "MashNotification"("dueBy");

-- CreateIndex
CREATE INDEX "Alert_recipient_raisedAt_idx" ON "Alert"("recipient", "raisedAt");

-- CreateIndex
CREATE INDEX "Alert_emailStatus_emailNextAttemptAt_idx" ON "Alert"("emailStatus", "emailNextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_notificationId_recipient_stage_key" ON "Alert"("notificationId", "recipient", "stage");

-- CreateIndex
CREATE INDEX "ConsentRecord_personId_recordedAt_idx" ON "ConsentRecord"("personId", "recordedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AccessEvent_seq_key" ON "AccessEvent"("seq");

-- CreateIndex
CREATE INDEX "AccessEvent_personId_at_idx" ON "AccessEvent"("personId", "at");

-- CreateIndex
CREATE INDEX "MatchReview_status_createdAt_idx" ON "MatchReview"("status", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_publishedAt_id_idx" ON "OutboxMessage"("publishedAt", "id");

-- AddForeignKey
ALTER TABLE "PersonIdentifier" ADD CONSTRAINT "PersonIdentifier_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HouseholdMember" ADD CONSTRAINT "HouseholdMember_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HouseholdMember" ADD CONSTRAINT "HouseholdMember_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CpisPlan" ADD CONSTRAINT "CpisPlan_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PoliceNotification" ADD CONSTRAINT "PoliceNotification_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EdAttendance" ADD CONSTRAINT "EdAttendance_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolAttendance" ADD CONSTRAINT "SchoolAttendance_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EarlyHelpEpisode" ADD CONSTRAINT "EarlyHelpEpisode_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RagAssessment" ADD CONSTRAINT "RagAssessment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MashNotification" ADD CONSTRAINT "MashNotification_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "MashNotification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRecord" ADD CONSTRAINT "ConsentRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatchReview" ADD CONSTRAINT "MatchReview_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatchReview" ADD CONSTRAINT "MatchReview_provisionalId_fkey" FOREIGN KEY ("provisionalId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

