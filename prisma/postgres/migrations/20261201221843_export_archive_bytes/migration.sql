-- AlterTable
ALTER TABLE "ExportSnapshot" ALTER COLUMN "archiveBytes" SET DATA TYPE BIGINT;