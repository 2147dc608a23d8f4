-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ExportSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "formats" JSONB NOT NULL,
    "filters" JSONB NOT NULL,
    "counts" JSONB NOT NULL,
    "manifest" JSONB NOT NULL,
    "location" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'complete',
    "jobId" TEXT,
    "archive" TEXT,
    "archiveBytes" BIGINT,
    "itemCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "completedAt" DATETIME,
    CONSTRAINT "ExportSnapshot_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ExportSnapshot" ("archive", "archiveBytes", "completedAt", "counts", "createdAt", "createdById", "error", "filters", "formats", "id", "itemCount", "jobId", "location", "manifest", "name", "status") SELECT "archive", "archiveBytes", "completedAt", "counts", "createdAt", "createdById", "error", "filters", "formats", "id", "itemCount", "jobId", "location", "manifest", "name", "status" FROM "ExportSnapshot";
DROP TABLE "ExportSnapshot";
ALTER TABLE "new_ExportSnapshot" RENAME TO "ExportSnapshot";
CREATE INDEX "ExportSnapshot_status_createdAt_idx" ON "ExportSnapshot"("status", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;