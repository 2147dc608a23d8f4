-- CreateTable
CREATE TABLE "DicomWebEndpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "authKind" TEXT NOT NULL DEFAULT 'none',
    "username" TEXT,
    "secretEnv" TEXT,
    "proxy" BOOLEAN NOT NULL DEFAULT false,
    "timeoutMs" INTEGER NOT NULL DEFAULT 30000,
    "maxInstanceBytes" INTEGER NOT NULL DEFAULT 268435456,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- AlterTable (additive: new nullable/defaulted columns, no table redefinition)
ALTER TABLE "Image" ADD COLUMN "pacsEndpointId" TEXT;
ALTER TABLE "Image" ADD COLUMN "pacsStudyUid" TEXT;
ALTER TABLE "Image" ADD COLUMN "pacsSeriesUid" TEXT;
ALTER TABLE "Image" ADD COLUMN "pacsInstanceUid" TEXT;
ALTER TABLE "Image" ADD COLUMN "proxied" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "Image_pacsEndpointId_pacsInstanceUid_idx" ON "Image"("pacsEndpointId", "pacsInstanceUid");

-- CreateIndex
CREATE UNIQUE INDEX "DicomWebEndpoint_name_key" ON "DicomWebEndpoint"("name");
