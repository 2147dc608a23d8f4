-- DropIndex
DROP INDEX "Item_importBatchId_idx";

-- DropIndex
DROP INDEX "Item_isGold_idx";

-- DropIndex
DROP INDEX "Item_language_idx";

-- DropIndex
DROP INDEX "Item_subfield_idx";

-- CreateIndex
CREATE INDEX "Item_status_externalId_idx" ON "Item"("status", "externalId");

-- CreateIndex
CREATE INDEX "Item_taskType_externalId_idx" ON "Item"("taskType", "externalId");

-- CreateIndex
CREATE INDEX "Item_modality_externalId_idx" ON "Item"("modality", "externalId");

-- CreateIndex
CREATE INDEX "Item_sourceType_externalId_idx" ON "Item"("sourceType", "externalId");

-- CreateIndex
CREATE INDEX "Item_subfield_externalId_idx" ON "Item"("subfield", "externalId");

-- CreateIndex
CREATE INDEX "Item_language_externalId_idx" ON "Item"("language", "externalId");

-- CreateIndex
CREATE INDEX "Item_importBatchId_externalId_idx" ON "Item"("importBatchId", "externalId");

-- CreateIndex
CREATE INDEX "Item_isGold_externalId_idx" ON "Item"("isGold", "externalId");

-- CreateIndex
CREATE INDEX "Review_isAdjudication_idx" ON "Review"("isAdjudication");