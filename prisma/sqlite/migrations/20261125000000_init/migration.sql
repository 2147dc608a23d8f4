-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "resetAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "externalId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Series" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "seriesUid" TEXT,
    "modality" TEXT NOT NULL,
    "sequence" TEXT,
    "view" TEXT,
    "description" TEXT,
    "number" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Series_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Image" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seriesId" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sopInstanceUid" TEXT,
    "sopClassUid" TEXT,
    "instanceNumber" INTEGER,
    "modality" TEXT,
    "rows" INTEGER,
    "columns" INTEGER,
    "frames" INTEGER NOT NULL DEFAULT 1,
    "bitsAllocated" INTEGER,
    "photometric" TEXT,
    "pixelSpacingRow" REAL,
    "pixelSpacingCol" REAL,
    "windowCenter" REAL,
    "windowWidth" REAL,
    "transferSyntaxUid" TEXT,
    "sliceLocation" REAL,
    "originalName" TEXT,
    "deidentification" JSONB,
    "importBatchId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Image_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImageLandmark" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "imageId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "x" REAL NOT NULL,
    "y" REAL NOT NULL,
    "frame" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ImageLandmark_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Item" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Item_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Item_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ItemLevel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "note" TEXT,
    CONSTRAINT "ItemLevel_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ItemImage" (
    "itemId" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("itemId", "imageId"),
    CONSTRAINT "ItemImage_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ItemImage_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ItemVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "contentHash" TEXT NOT NULL,
    "generatorModel" TEXT,
    "generatorVersion" TEXT,
    "promptId" TEXT,
    "promptVersion" TEXT,
    "generationParams" JSONB,
    "generatedAt" DATETIME,
    "authorId" TEXT,
    "basedOnId" TEXT,
    "importBatchId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ItemVersion_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ItemVersion_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'review',
    "status" TEXT NOT NULL DEFAULT 'assigned',
    "position" INTEGER NOT NULL DEFAULT 0,
    "leaseExpiresAt" DATETIME NOT NULL,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    CONSTRAINT "Assignment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "isAdjudication" BOOLEAN NOT NULL DEFAULT false,
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

-- CreateTable
CREATE TABLE "LevelDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "correctedLevel" TEXT,
    "reason" TEXT,
    "severity" TEXT,
    "comment" TEXT,
    CONSTRAINT "LevelDecision_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "policy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "createdById" TEXT,
    "counts" JSONB,
    "report" JSONB,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "ImportBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "error" TEXT,
    "result" JSONB,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Job_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExportSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "formats" JSONB NOT NULL,
    "filters" JSONB NOT NULL,
    "counts" JSONB NOT NULL,
    "manifest" JSONB NOT NULL,
    "location" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExportSnapshot_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Case_externalId_key" ON "Case"("externalId");

-- CreateIndex
CREATE INDEX "Series_caseId_idx" ON "Series"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Series_caseId_seriesUid_key" ON "Series"("caseId", "seriesUid");

-- CreateIndex
CREATE UNIQUE INDEX "Image_sha256_key" ON "Image"("sha256");

-- CreateIndex
CREATE INDEX "Image_seriesId_instanceNumber_idx" ON "Image"("seriesId", "instanceNumber");

-- CreateIndex
CREATE INDEX "ImageLandmark_level_idx" ON "ImageLandmark"("level");

-- CreateIndex
CREATE UNIQUE INDEX "ImageLandmark_imageId_level_frame_key" ON "ImageLandmark"("imageId", "level", "frame");

-- CreateIndex
CREATE UNIQUE INDEX "Item_externalId_key" ON "Item"("externalId");

-- CreateIndex
CREATE INDEX "Item_status_taskType_idx" ON "Item"("status", "taskType");

-- CreateIndex
CREATE INDEX "Item_taskType_idx" ON "Item"("taskType");

-- CreateIndex
CREATE INDEX "Item_modality_idx" ON "Item"("modality");

-- CreateIndex
CREATE INDEX "Item_sourceType_idx" ON "Item"("sourceType");

-- CreateIndex
CREATE INDEX "Item_caseId_idx" ON "Item"("caseId");

-- CreateIndex
CREATE INDEX "ItemLevel_level_idx" ON "ItemLevel"("level");

-- CreateIndex
CREATE UNIQUE INDEX "ItemLevel_itemId_level_key" ON "ItemLevel"("itemId", "level");

-- CreateIndex
CREATE INDEX "ItemImage_imageId_idx" ON "ItemImage"("imageId");

-- CreateIndex
CREATE INDEX "ItemVersion_itemId_kind_idx" ON "ItemVersion"("itemId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "ItemVersion_itemId_number_key" ON "ItemVersion"("itemId", "number");

-- CreateIndex
CREATE INDEX "Assignment_userId_status_position_idx" ON "Assignment"("userId", "status", "position");

-- CreateIndex
CREATE INDEX "Assignment_itemId_status_idx" ON "Assignment"("itemId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_itemId_userId_kind_key" ON "Assignment"("itemId", "userId", "kind");

-- CreateIndex
CREATE INDEX "Review_itemId_idx" ON "Review"("itemId");

-- CreateIndex
CREATE INDEX "Review_reviewerId_submittedAt_idx" ON "Review"("reviewerId", "submittedAt");

-- CreateIndex
CREATE INDEX "Review_submittedAt_idx" ON "Review"("submittedAt");

-- CreateIndex
CREATE INDEX "LevelDecision_level_idx" ON "LevelDecision"("level");

-- CreateIndex
CREATE UNIQUE INDEX "LevelDecision_reviewId_level_key" ON "LevelDecision"("reviewId", "level");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- CreateIndex
CREATE INDEX "ImportBatch_fileSha256_idx" ON "ImportBatch"("fileSha256");

-- CreateIndex
CREATE INDEX "Job_type_createdAt_idx" ON "Job"("type", "createdAt");
