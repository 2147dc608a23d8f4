-- CreateTable
CREATE TABLE "DashCounter" (
    "metric" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '',
    "day" TEXT NOT NULL DEFAULT '',
    "batch" TEXT NOT NULL DEFAULT '',
    "taskType" TEXT NOT NULL DEFAULT '',
    "k1" TEXT NOT NULL DEFAULT '',
    "k2" TEXT NOT NULL DEFAULT '',
    "k3" TEXT NOT NULL DEFAULT '',
    "n" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("metric", "scope", "day", "batch", "taskType", "k1", "k2", "k3")
);

-- CreateTable
CREATE TABLE "DashItemState" (
    "itemId" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "since" TEXT NOT NULL,
    "taskType" TEXT NOT NULL,
    "batch" TEXT NOT NULL,
    "modality" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "subfield" TEXT NOT NULL,
    "language" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "DashItemLevel" (
    "itemId" TEXT NOT NULL,
    "level" TEXT NOT NULL,

    PRIMARY KEY ("itemId", "level")
);

-- CreateTable
CREATE TABLE "DashGoldScore" (
    "itemId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "correct" INTEGER NOT NULL,
    "levelsCorrect" INTEGER NOT NULL,
    "levelsTotal" INTEGER NOT NULL,

    PRIMARY KEY ("itemId", "reviewerId")
);

-- CreateIndex
CREATE INDEX "DashGoldScore_reviewerId_idx" ON "DashGoldScore"("reviewerId");
