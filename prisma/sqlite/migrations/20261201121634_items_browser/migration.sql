-- CreateTable
CREATE TABLE "ItemSearchText" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "ItemSearchText_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

-- Full-text search over ItemSearchText (written by hand: Prisma cannot describe it). The trigram tokenizer
-- indexes every three-character run, so English words and Chinese text (no spaces) are both found by substring;
-- external content: the text is stored once, in ItemSearchText, and the triggers keep the index in step.
CREATE VIRTUAL TABLE "ItemSearchFts" USING fts5("text", content='ItemSearchText', content_rowid='seq', tokenize='trigram remove_diacritics 1');

CREATE TRIGGER "ItemSearchText_fts_insert" AFTER INSERT ON "ItemSearchText" BEGIN
  INSERT INTO "ItemSearchFts"(rowid, "text") VALUES (new."seq", new."text");
END;

CREATE TRIGGER "ItemSearchText_fts_delete" AFTER DELETE ON "ItemSearchText" BEGIN
  INSERT INTO "ItemSearchFts"("ItemSearchFts", rowid, "text") VALUES ('delete', old."seq", old."text");
END;

CREATE TRIGGER "ItemSearchText_fts_update" AFTER UPDATE OF "text" ON "ItemSearchText" BEGIN
  INSERT INTO "ItemSearchFts"("ItemSearchFts", rowid, "text") VALUES ('delete', old."seq", old."text");
  INSERT INTO "ItemSearchFts"(rowid, "text") VALUES (new."seq", new."text");
END;
