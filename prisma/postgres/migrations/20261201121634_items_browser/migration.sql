-- CreateTable
CREATE TABLE "ItemSearchText" (
    "seq" SERIAL NOT NULL,
    "itemId" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "ItemSearchText_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "ItemSearchText_itemId_key" ON "ItemSearchText"("itemId");

-- CreateIndex
CREATE INDEX "Item_updatedAt_id_idx" ON "Item"("updatedAt", "id");

-- CreateIndex
CREATE INDEX "Item_importBatchId_idx" ON "Item"("importBatchId");

-- CreateIndex
CREATE INDEX "Item_subfield_idx" ON "Item"("subfield");

-- CreateIndex
CREATE INDEX "Item_language_idx" ON "Item"("language");

-- CreateIndex
CREATE INDEX "Item_isGold_idx" ON "Item"("isGold");

-- CreateIndex
CREATE INDEX "LevelDecision_correctedLevel_idx" ON "LevelDecision"("correctedLevel");

-- AddForeignKey
ALTER TABLE "ItemSearchText" ADD CONSTRAINT "ItemSearchText_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Substring search over ItemSearchText (written by hand: Prisma cannot describe it). pg_trgm's GIN index serves
-- ILIKE '%…%' for patterns of three or more characters, English and Chinese alike.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "ItemSearchText_text_trgm_idx" ON "ItemSearchText" USING gin ("text" gin_trgm_ops);
