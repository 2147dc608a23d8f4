import "server-only";
// The items browser's read model: one page by keyset (never OFFSET: page 9,000 costs what page 1 costs), the
// count of a filter, and every id of a filter (for a bulk action on the whole filter), all from lib/browse/query.
import { db, dbConfig } from "@/lib/db/client";
import { toBool, toDate } from "@/lib/db/raw-values";
import { resolveFilter, type BrowseFilter, type ResolvedFilter, type Sort, PAGE_SIZE } from "./filters";
import { countSql, decodeCursor, encodeCursor, numbered, pageSql, shortOnly, shortScanWindow, type Cursor, type Dialect, type Sql } from "./query";

function dialect(): Dialect {
  return dbConfig().provider === "postgres" ? "postgres" : "sqlite";
}

async function run<T>(sql: Sql): Promise<T[]> {
  return db().$queryRawUnsafe<T[]>(numbered(dialect(), sql.text), ...sql.params);
}

export interface BrowseRow {
  id: string;
  externalId: string;
  taskType: string;
  language: string;
  modality: string | null;
  subfield: string;
  status: string;
  sourceType: string;
  isGold: boolean;
  requiredReviews: number;
  levels: string[];
  versions: number;
  reviews: number;
  updatedAt: string;
}

export interface BrowsePage {
  rows: BrowseRow[];
  /** The cursor of the next page, or null on the last. */
  next: string | null;
  /** Why nothing can match (a value outside its vocabulary), or null. */
  impossible: string | null;
  /** Set for a search only of one- or two-character terms: it is read from the text, a window at a time. */
  scanned: string | null;
}

/** The ids of one page in order, and the cursor after it. */
export async function pageIds(filter: ResolvedFilter, sort: Sort, cursor: Cursor | null, limit = PAGE_SIZE): Promise<{ ids: string[]; next: Cursor | null }> {
  if (filter.impossible) return { ids: [], next: null };
  const sql = pageSql(dialect(), { filter, sort, cursor, limit });
  const rows = await run<{ id: string; k: string | number | bigint }>(sql);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const key = (v: string | number | bigint) => (typeof v === "bigint" ? Number(v) : v);
  if (!more && sql.scanUntil !== undefined) {
    // A short search read its window without filling the page: the next page reads on from the window's end.
    const [top] = await run<{ n: number | bigint | null }>({ text: `SELECT MAX("seq") AS "n" FROM "ItemSearchText"`, params: [] });
    if (Number(top?.n ?? 0) > sql.scanUntil) return { ids: page.map((r) => r.id), next: { k: sql.scanUntil, id: "" } };
  }
  return { ids: page.map((r) => r.id), next: more && last ? { k: key(last.k), id: last.id } : null };
}

/**
 * The rows of one page, in the order of its ids: the items, their levels and their counts of versions and reviews.
 * Two plain queries with the counts as correlated subqueries on their (itemId, ...) indexes: through the Prisma
 * client the relation counts read every version and review of the table on PostgreSQL (seconds at 450k items).
 */
async function pageRows(ids: string[]): Promise<BrowseRow[]> {
  if (!ids.length) return [];
  const marks = ids.map(() => "?").join(",");
  const [items, levels] = await Promise.all([
    run<Record<string, unknown>>({
      text: `SELECT i."id", i."externalId", i."taskType", i."language", i."modality", i."subfield", i."status", i."sourceType",
        i."isGold", i."requiredReviews", i."updatedAt",
        (SELECT COUNT(*) FROM "ItemVersion" v WHERE v."itemId" = i."id") AS "versions",
        (SELECT COUNT(*) FROM "Review" r WHERE r."itemId" = i."id") AS "reviews"
        FROM "Item" i WHERE i."id" IN (${marks})`,
      params: ids,
    }),
    run<{ itemId: string; level: string }>({
      text: `SELECT "itemId", "level" FROM "ItemLevel" WHERE "itemId" IN (${marks}) ORDER BY "itemId", "rank"`,
      params: ids,
    }),
  ]);
  const levelsOf = new Map<string, string[]>();
  for (const l of levels) {
    const list = levelsOf.get(l.itemId);
    if (list) list.push(l.level);
    else levelsOf.set(l.itemId, [l.level]);
  }
  const byId = new Map(items.map((r) => [String(r.id), r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [{
      id, externalId: String(r.externalId), taskType: String(r.taskType), language: String(r.language),
      modality: r.modality === null || r.modality === undefined ? null : String(r.modality), subfield: String(r.subfield),
      status: String(r.status), sourceType: String(r.sourceType), isGold: toBool(r.isGold), requiredReviews: Number(r.requiredReviews),
      levels: levelsOf.get(id) ?? [], versions: Number(r.versions), reviews: Number(r.reviews), updatedAt: toDate(r.updatedAt)!.toISOString(),
    }];
  });
}

export async function browseItems(f: BrowseFilter, sort: Sort = "externalId", cursorText?: string): Promise<BrowsePage> {
  const filter = resolveFilter(f);
  const { ids, next } = await pageIds(filter, sort, decodeCursor(cursorText));
  const rows = await pageRows(ids);
  const scanned = shortOnly(filter.terms)
    ? `A search only of one- or two-character terms cannot use the index: each page reads the text of ${shortScanWindow(dialect()).toLocaleString("en")} items, so a page may show fewer matches (Next page reads on). Three characters or more search everything at once.`
    : null;
  return { rows, next: next ? encodeCursor(next) : null, impossible: filter.impossible ?? null, scanned };
}

/** How many items match (a separate request from the page: a broad search takes longer to count than to page). */
export async function countItems(f: BrowseFilter): Promise<number | null> {
  const filter = resolveFilter(f);
  if (filter.impossible) return 0;
  // Counting a search of one- or two-character terms would read every text: it is not counted.
  if (shortOnly(filter.terms)) return null;
  const [row] = await run<{ n: number | bigint }>(countSql(dialect(), filter));
  return Number(row?.n ?? 0);
}

/** Every id the filter matches, in keyset chunks (a bulk action on the whole filter works on these). */
export async function* filterIdChunks(f: BrowseFilter, chunk = 2000): AsyncGenerator<string[]> {
  const filter = resolveFilter(f);
  let cursor: Cursor | null = null;
  for (;;) {
    const page = await pageIds(filter, "externalId", cursor, chunk);
    if (page.ids.length) yield page.ids;
    if (!page.next) return;
    cursor = page.next;
  }
}
