-- AlterTable
ALTER TABLE "ItemVersion" ADD COLUMN "levels" JSONB;
ALTER TABLE "ItemVersion" ADD COLUMN "stagedBatchId" TEXT;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN "heartbeatAt" DATETIME;

-- AlterTable
ALTER TABLE "RateLimitBucket" ADD COLUMN "blockedUntil" DATETIME;

-- CreateTable
CREATE TABLE "GoldStandard" (
    "itemId" TEXT NOT NULL PRIMARY KEY,
    "decision" TEXT NOT NULL,
    "levels" JSONB NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "GoldStandard_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'review',
    "status" TEXT NOT NULL DEFAULT 'assigned',
    "origin" TEXT NOT NULL DEFAULT 'assigned',
    "round" INTEGER NOT NULL DEFAULT 1,
    "position" INTEGER NOT NULL DEFAULT 0,
    "dueAt" DATETIME NOT NULL,
    "workLeaseExpiresAt" DATETIME,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    CONSTRAINT "Assignment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- The old lease was the assignment's due date.
INSERT INTO "new_Assignment" ("assignedAt", "completedAt", "id", "itemId", "kind", "position", "status", "userId", "dueAt") SELECT "assignedAt", "completedAt", "id", "itemId", "kind", "position", "status", "userId", "leaseExpiresAt" FROM "Assignment";
DROP TABLE "Assignment";
ALTER TABLE "new_Assignment" RENAME TO "Assignment";
CREATE INDEX "Assignment_userId_status_position_idx" ON "Assignment"("userId", "status", "position");
CREATE INDEX "Assignment_itemId_status_idx" ON "Assignment"("itemId", "status");
CREATE INDEX "Assignment_status_origin_workLeaseExpiresAt_idx" ON "Assignment"("status", "origin", "workLeaseExpiresAt");
CREATE UNIQUE INDEX "Assignment_itemId_userId_kind_key" ON "Assignment"("itemId", "userId", "kind");
CREATE TABLE "new_Item" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "externalId" TEXT NOT NULL,
    "taskType" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "modality" TEXT,
    "subfield" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requiredReviews" INTEGER NOT NULL DEFAULT 1,
    "caseId" TEXT,
    "sourceType" TEXT NOT NULL,
    "sourceReference" TEXT NOT NULL,
    "licence" TEXT,
    "importBatchId" TEXT,
    "currentVersionId" TEXT,
    "sourceHash" TEXT,
    "openSlots" INTEGER NOT NULL DEFAULT 1,
    "round" INTEGER NOT NULL DEFAULT 1,
    "finalDecision" TEXT,
    "isGold" BOOLEAN NOT NULL DEFAULT false,
    "sendBackNote" TEXT,
    "stagedBatchId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Item_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Item_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Item" ("caseId", "createdAt", "currentVersionId", "externalId", "id", "importBatchId", "language", "licence", "modality", "requiredReviews", "sourceHash", "sourceReference", "sourceType", "status", "subfield", "taskType", "updatedAt") SELECT "caseId", "createdAt", "currentVersionId", "externalId", "id", "importBatchId", "language", "licence", "modality", "requiredReviews", "sourceHash", "sourceReference", "sourceType", "status", "subfield", "taskType", "updatedAt" FROM "Item";
DROP TABLE "Item";
ALTER TABLE "new_Item" RENAME TO "Item";
CREATE UNIQUE INDEX "Item_externalId_key" ON "Item"("externalId");
CREATE INDEX "Item_status_taskType_idx" ON "Item"("status", "taskType");
CREATE INDEX "Item_openSlots_id_idx" ON "Item"("openSlots", "id");
CREATE INDEX "Item_stagedBatchId_idx" ON "Item"("stagedBatchId");
CREATE INDEX "Item_taskType_idx" ON "Item"("taskType");
CREATE INDEX "Item_modality_idx" ON "Item"("modality");
CREATE INDEX "Item_sourceType_idx" ON "Item"("sourceType");
CREATE INDEX "Item_caseId_idx" ON "Item"("caseId");
CREATE TABLE "new_Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "isAdjudication" BOOLEAN NOT NULL DEFAULT false,
    "round" INTEGER NOT NULL DEFAULT 1,
    "baseVersionId" TEXT NOT NULL,
    "resultVersionId" TEXT,
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "severity" TEXT,
    "comment" TEXT,
    "rubric" JSONB,
    "rubricTotal" REAL,
    "timeSpentMs" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Review_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Review" ("baseVersionId", "comment", "decision", "id", "isAdjudication", "itemId", "reason", "resultVersionId", "reviewerId", "rubric", "rubricTotal", "severity", "startedAt", "submittedAt", "timeSpentMs") SELECT "baseVersionId", "comment", "decision", "id", "isAdjudication", "itemId", "reason", "resultVersionId", "reviewerId", "rubric", "rubricTotal", "severity", "startedAt", "submittedAt", "timeSpentMs" FROM "Review";
DROP TABLE "Review";
ALTER TABLE "new_Review" RENAME TO "Review";
CREATE INDEX "Review_itemId_round_idx" ON "Review"("itemId", "round");
CREATE INDEX "Review_reviewerId_submittedAt_idx" ON "Review"("reviewerId", "submittedAt");
CREATE INDEX "Review_submittedAt_idx" ON "Review"("submittedAt");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("active", "createdAt", "email", "id", "name", "passwordHash", "role", "updatedAt") SELECT "active", "createdAt", "email", "id", "name", "passwordHash", "role", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Review slots still open on existing items: the required reviews less the assignments that hold one.
UPDATE "Item" SET "openSlots" = CASE WHEN "status" IN ('pending', 'in_review') THEN MAX(0, "requiredReviews" - (SELECT COUNT(*) FROM "Assignment" a WHERE a."itemId" = "Item"."id" AND a."kind" = 'review' AND a."status" <> 'released')) ELSE 0 END;
