-- AlterTable
ALTER TABLE "ExportSnapshot" ADD COLUMN     "archive" TEXT,
ADD COLUMN     "archiveBytes" INTEGER,
ADD COLUMN     "completedAt" TIMESTAMP(3),
ADD COLUMN     "error" TEXT,
ADD COLUMN     "itemCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "jobId" TEXT,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'complete';

-- CreateIndex
CREATE INDEX "ExportSnapshot_status_createdAt_idx" ON "ExportSnapshot"("status", "createdAt");
