-- CreateEnum
CREATE TYPE "AssignmentOrigin" AS ENUM ('assigned', 'pool');

-- AlterEnum
ALTER TYPE "ItemStatus" ADD VALUE 'adjudicated';

-- DropIndex
DROP INDEX "Review_itemId_idx";

-- AlterTable
-- The old lease was the assignment's due date.
ALTER TABLE "Assignment" RENAME COLUMN "leaseExpiresAt" TO "dueAt";

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "origin" "AssignmentOrigin" NOT NULL DEFAULT 'assigned',
ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "workLeaseExpiresAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "finalDecision" "Decision",
ADD COLUMN     "isGold" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "openSlots" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "sendBackNote" TEXT,
ADD COLUMN     "stagedBatchId" TEXT;

-- AlterTable
ALTER TABLE "ItemVersion" ADD COLUMN     "levels" JSONB,
ADD COLUMN     "stagedBatchId" TEXT;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "heartbeatAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "RateLimitBucket" ADD COLUMN     "blockedUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "GoldStandard" (
    "itemId" TEXT NOT NULL,
    "decision" "Decision" NOT NULL,
    "levels" JSONB NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GoldStandard_pkey" PRIMARY KEY ("itemId")
);

-- CreateIndex
CREATE INDEX "Assignment_status_origin_workLeaseExpiresAt_idx" ON "Assignment"("status", "origin", "workLeaseExpiresAt");

-- CreateIndex
CREATE INDEX "Item_openSlots_id_idx" ON "Item"("openSlots", "id");

-- CreateIndex
CREATE INDEX "Item_stagedBatchId_idx" ON "Item"("stagedBatchId");

-- CreateIndex
CREATE INDEX "Review_itemId_round_idx" ON "Review"("itemId", "round");

-- AddForeignKey
ALTER TABLE "GoldStandard" ADD CONSTRAINT "GoldStandard_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Review slots still open on existing items: the required reviews less the assignments that hold one.
UPDATE "Item" SET "openSlots" = CASE WHEN "status" IN ('pending', 'in_review') THEN GREATEST(0, "requiredReviews" - (SELECT COUNT(*) FROM "Assignment" a WHERE a."itemId" = "Item"."id" AND a."kind" = 'review' AND a."status" <> 'released')) ELSE 0 END;
