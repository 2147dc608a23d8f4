import "server-only";
// Keeping the search index current: one ItemSearchText row per item, the text of its current version, written in
// the same transaction as whatever changed that version (the import's chunks and its last transaction, a round
// agreed on an edit, an adjudication). The full-text index itself (SQLite FTS5 trigram, PostgreSQL pg_trgm)
// follows that table by trigger or by index.
import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import type { BulkTx, Row, TableSpec } from "@/lib/import/bulk";
import { JsonText } from "@/lib/import/bulk";
import type { TaskType } from "@/lib/items/content";
import { searchTextOf } from "./search-text";

const TABLE: TableSpec = { name: "ItemSearchText", columns: { itemId: "text", text: "text" } };

/**
 * The import's hook for one chunk: a row for each item row written (new items, and stand-ins of changed items),
 * from its highest-numbered version in the chunk. Staged items stay invisible to the search (it joins Item and
 * skips staged rows); a discarded batch's rows go with its items (ON DELETE CASCADE).
 */
export async function indexImportChunk(conn: BulkTx, items: Row[], versions: Row[]): Promise<void> {
  const latest = new Map<string, Row>();
  for (const v of versions) {
    const seen = latest.get(v.itemId as string);
    if (!seen || (seen.number as number) < (v.number as number)) latest.set(v.itemId as string, v);
  }
  const rows: Row[] = [];
  for (const item of items) {
    const v = latest.get(item.id as string);
    if (!v) continue;
    const raw = v.content instanceof JsonText ? JSON.parse(v.content.text) : v.content;
    rows.push({ itemId: item.id, text: searchTextOf(item.taskType as TaskType, raw) });
  }
  if (rows.length) await conn.insert(TABLE, rows);
}

/**
 * The import's hook in its last transaction, before the stand-ins are deleted: a changed item takes its stand-in's
 * text (when the stand-in brought a new version).
 * @param standIns SQL selecting the stand-ins' ids; @param itemOf SQL of the real item's id for `alias."itemId"`.
 */
export async function applyStandInTexts(tx: BulkTx, standIns: string, itemOf: (alias: string) => string, params: unknown[]): Promise<void> {
  await tx.run(`DELETE FROM "ItemSearchText" WHERE "itemId" IN (SELECT ${itemOf("t")} FROM "ItemSearchText" t WHERE t."itemId" IN ${standIns})`, params);
  await tx.run(`UPDATE "ItemSearchText" SET "itemId" = ${itemOf('"ItemSearchText"')} WHERE "itemId" IN ${standIns}`, params);
}

/** Rewrites one item's row from its current version, inside the caller's transaction. */
export async function indexCurrentText(tx: Tx, itemId: string): Promise<void> {
  const item = await tx.item.findUnique({ where: { id: itemId }, select: { taskType: true, currentVersionId: true } });
  if (!item?.currentVersionId) return;
  const version = await tx.itemVersion.findUnique({ where: { id: item.currentVersionId }, select: { content: true } });
  if (!version) return;
  const text = searchTextOf(item.taskType, version.content);
  await tx.itemSearchText.upsert({ where: { itemId }, create: { itemId, text }, update: { text } });
}

/**
 * Fills the rows of items that have none (a database from before the search, or an item whose row was lost), a
 * chunk at a time in short transactions. Returns how many rows it wrote.
 */
export async function indexMissingTexts(onProgress?: (done: number) => void, chunk = 500): Promise<number> {
  let done = 0;
  let cursor = "";
  for (;;) {
    const items = await db().item.findMany({
      where: { id: { gt: cursor }, stagedBatchId: null, searchText: null, currentVersionId: { not: null } },
      orderBy: { id: "asc" },
      take: chunk,
      select: { id: true, taskType: true, currentVersionId: true },
    });
    if (items.length === 0) return done;
    cursor = items[items.length - 1].id;
    const versions = await db().itemVersion.findMany({ where: { id: { in: items.map((i) => i.currentVersionId!) } }, select: { id: true, content: true } });
    const content = new Map(versions.map((v) => [v.id, v.content]));
    const rows = items.map((i) => ({ itemId: i.id, text: searchTextOf(i.taskType, content.get(i.currentVersionId!)) }));
    await db().$transaction(async (tx) => {
      // Conditional on there being no row still: an item indexed meanwhile keeps its newer text.
      const have = new Set((await tx.itemSearchText.findMany({ where: { itemId: { in: rows.map((r) => r.itemId) } }, select: { itemId: true } })).map((r) => r.itemId));
      const fresh = rows.filter((r) => !have.has(r.itemId));
      if (fresh.length) await tx.itemSearchText.createMany({ data: fresh });
      done += fresh.length;
    });
    onProgress?.(done);
  }
}
