-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "pacsEndpointId" TEXT,
ADD COLUMN     "pacsInstanceUid" TEXT,
ADD COLUMN     "pacsSeriesUid" TEXT,
ADD COLUMN     "pacsStudyUid" TEXT,
ADD COLUMN     "proxied" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "DicomWebEndpoint" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "authKind" TEXT NOT NULL DEFAULT 'none',
    "username" TEXT,
    "secretEnv" TEXT,
    "proxy" BOOLEAN NOT NULL DEFAULT false,
    "timeoutMs" INTEGER NOT NULL DEFAULT 30000,
    "maxInstanceBytes" INTEGER NOT NULL DEFAULT 268435456,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DicomWebEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DicomWebEndpoint_name_key" ON "DicomWebEndpoint"("name");

-- CreateIndex
CREATE INDEX "Image_pacsEndpointId_pacsInstanceUid_idx" ON "Image"("pacsEndpointId", "pacsInstanceUid");
