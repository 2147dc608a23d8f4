// The items browser's SQL, built for SQLite or PostgreSQL from a resolved filter: a WHERE clause with `?`
// placeholders (every user value is a parameter, never part of the text), the keyset condition and the ordering.
// Pure: unit-tested for quoting and escaping; lib/browse/list.ts runs it.
//
// Search: each term must occur in the item's text as a substring, case-insensitively.
// - SQLite: the FTS5 trigram index. Each term becomes an FTS5 string ("…" with inner quotes doubled), so no
//   character of it is FTS syntax (AND, OR, NEAR, *, ^, column filters). A trigram needs three characters: terms of
//   one or two characters (common in Chinese: 腰, 椎体) are matched with LIKE over the stored text instead.
// - PostgreSQL: ILIKE '%term%' with %, _ and \ escaped, served by the pg_trgm GIN index from three characters.
// Ordering: with a search, results come in the index's order (ItemSearchText.seq, ascending), which both databases
// walk without sorting; without one, by the chosen sort with the item id as tie-breaker.
import type { ResolvedFilter, Sort } from "./filters";

export type Dialect = "sqlite" | "postgres";

export interface Sql {
  text: string;
  params: unknown[];
  /** For a search only of one- or two-character terms: the index position this page's scan stops at. */
  scanUntil?: number;
}

/**
 * A search whose terms are all one or two characters cannot use the trigram index and reads the text itself: a
 * page reads at most this many items of the index (in its order), so no page reads all 450,000 texts. PostgreSQL's
 * ILIKE reads a text about twice as slowly as SQLite's LIKE, so its window is half as long (each stays near 200 ms).
 */
export function shortScanWindow(d: Dialect): number {
  return d === "postgres" ? 10_000 : 20_000;
}

/** Whether the search has no term the trigram index can serve. */
export function shortOnly(terms: string[]): boolean {
  return terms.length > 0 && !terms.some(usesTrigrams);
}

/** The position a page starts after: the sort key's value and the item id (seq for a search). */
export interface Cursor {
  k: string | number;
  id: string;
}

/** Whether a term can use the trigram index (three characters or more, counted as code points). */
export function usesTrigrams(term: string): boolean {
  return [...term].length >= 3;
}

/** A term as one FTS5 string: inside double quotes nothing is syntax; a quote is written twice. */
export function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** The FTS5 query of the terms that can use the trigram index (they must all occur), or null when none can. */
export function ftsQuery(terms: string[]): string | null {
  const usable = terms.filter(usesTrigrams);
  return usable.length ? usable.map(ftsPhrase).join(" AND ") : null;
}

/** A LIKE pattern matching the term anywhere, with the pattern characters escaped (ESCAPE '\'). */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const bool = (d: Dialect, v: boolean) => (d === "postgres" ? (v ? "TRUE" : "FALSE") : v ? "1" : "0");
const enumParam = (d: Dialect, type: string) => (d === "postgres" ? `CAST(? AS "${type}")` : "?");

/** Where the rows come from with a search, its conditions, and the index order to walk (seq). */
export interface SearchSource {
  from: string;
  text: string;
  params: unknown[];
  seq: string;
}

/** The search's tables and conditions on them (aliases f, t, i), or null without terms. */
export function searchSource(d: Dialect, terms: string[]): SearchSource | null {
  if (terms.length === 0) return null;
  const params: unknown[] = [];
  const parts: string[] = [];
  const join = `"ItemSearchText" t JOIN "Item" i ON i."id" = t."itemId"`;
  if (d === "sqlite") {
    const fts = ftsQuery(terms);
    for (const term of terms.filter((t) => !usesTrigrams(t))) {
      parts.push(`t."text" LIKE ? ESCAPE '\\'`);
      params.push(likeContains(term));
    }
    if (fts) {
      // Driven by the FTS table, walked in rowid order: a page of a common word reads one page of matches.
      return { from: `"ItemSearchFts" f JOIN ${join.replace('"ItemSearchText" t', '"ItemSearchText" t ON t."seq" = f.rowid')}`, text: [`f."ItemSearchFts" MATCH ?`, ...parts].join(" AND "), params: [fts, ...params], seq: "f.rowid" };
    }
    return { from: join, text: parts.join(" AND "), params, seq: `t."seq"` };
  }
  for (const term of terms) {
    parts.push(`t."text" ILIKE ? ESCAPE '\\'`);
    params.push(likeContains(term));
  }
  return { from: join, text: parts.join(" AND "), params, seq: `t."seq"` };
}

/** The conditions on the item (alias i) of everything but the search. */
export function filterConditions(d: Dialect, f: ResolvedFilter): Sql {
  // Every item outside a running import has no staged batch: on SQLite the unary + keeps the planner from reading
  // the whole table through that index (and sorting it) instead of walking the sort's index.
  const parts: string[] = [d === "sqlite" ? `+i."stagedBatchId" IS NULL` : `i."stagedBatchId" IS NULL`];
  const params: unknown[] = [];
  const eq = (column: string, v: unknown, cast?: string) => {
    parts.push(`i."${column}" = ${cast ? enumParam(d, cast) : "?"}`);
    params.push(v);
  };
  if (f.status) eq("status", f.status, "ItemStatus");
  if (f.taskType) eq("taskType", f.taskType, "TaskType");
  if (f.modality) eq("modality", f.modality);
  if (f.sourceType) eq("sourceType", f.sourceType);
  if (f.subfield) eq("subfield", f.subfield);
  if (f.language) eq("language", f.language);
  if (f.batchId) eq("importBatchId", f.batchId);
  if (f.level) {
    parts.push(`EXISTS (SELECT 1 FROM "ItemLevel" l WHERE l."itemId" = i."id" AND l."level" = ?)`);
    params.push(f.level);
  }
  if (f.reviewerId) {
    // Driven from the person's rows (indexed by user), not checked item by item.
    parts.push(`i."id" IN (SELECT a."itemId" FROM "Assignment" a WHERE a."userId" = ? UNION SELECT r."itemId" FROM "Review" r WHERE r."reviewerId" = ?)`);
    params.push(f.reviewerId, f.reviewerId);
  }
  if (f.gold !== undefined) parts.push(`i."isGold" = ${bool(d, f.gold)}`);
  if (f.disputed !== undefined) {
    // Disputed: the round's reviews disagree now, or they did and an adjudicator settled it (an adjudication review
    // exists even after a later send-back).
    const cond = `(i."status" = ${enumParam(d, "ItemStatus")} OR i."id" IN (SELECT r."itemId" FROM "Review" r WHERE r."isAdjudication" = ${bool(d, true)}))`;
    parts.push(f.disputed ? cond : `NOT ${cond}`);
    params.push("disputed");
  }
  if (f.corrected !== undefined) {
    const cond = `i."id" IN (SELECT r."itemId" FROM "LevelDecision" x JOIN "Review" r ON r."id" = x."reviewId" WHERE x."correctedLevel" IS NOT NULL)`;
    parts.push(f.corrected ? cond : `NOT ${cond}`);
  }
  if (f.externalIdPrefix) {
    // A range on the unique index rather than LIKE (case-insensitive on SQLite, so it would not use the index).
    parts.push(`i."externalId" >= ? AND i."externalId" < ?`);
    params.push(f.externalIdPrefix, `${f.externalIdPrefix}\u{10FFFF}`);
  }
  return { text: parts.join(" AND "), params };
}

interface Order {
  /** The expression of the sort key, and the tie-breaker (none for a unique key). */
  key: string;
  tie: string | null;
  desc: boolean;
  /** The sort key as text, so a cursor carries it exactly as stored. */
  keyText: string;
  /** A parameter of the sort key's type. */
  keyParam: string;
}

function orderOf(d: Dialect, sort: Sort, search: SearchSource | null): Order {
  if (search) return { key: search.seq, tie: search.seq, desc: false, keyText: search.seq, keyParam: "?" };
  const desc = sort.startsWith("-");
  if (sort.endsWith("updatedAt")) {
    return {
      key: `i."updatedAt"`,
      tie: `i."id"`,
      desc,
      keyText: d === "postgres" ? `CAST(i."updatedAt" AS TEXT)` : `(i."updatedAt" || '')`,
      keyParam: d === "postgres" ? "CAST(? AS TIMESTAMP(3))" : "?",
    };
  }
  // The external id is unique: no tie-breaker, so its unique index gives the order without a sort.
  return { key: `i."externalId"`, tie: null, desc, keyText: `i."externalId"`, keyParam: "?" };
}

export interface PageQuery {
  filter: ResolvedFilter;
  sort: Sort;
  cursor: Cursor | null;
  limit: number;
}

/** The ids of one page (limit + 1 rows, to know whether another page follows), with each row's cursor values. */
export function pageSql(d: Dialect, q: PageQuery): Sql {
  const search = searchSource(d, q.filter.terms);
  const where = filterConditions(d, q.filter);
  const o = orderOf(d, q.sort, search);
  const params = [...(search?.params ?? []), ...where.params];
  const conds = [...(search ? [search.text] : []), where.text];
  if (q.cursor) {
    const cmp = o.desc ? "<" : ">";
    if (search) {
      conds.push(`${search.seq} > ?`);
      params.push(Number(q.cursor.k));
    } else if (o.tie) {
      conds.push(`(${o.key} ${cmp} ${o.keyParam} OR (${o.key} = ${o.keyParam} AND ${o.tie} ${cmp} ?))`);
      params.push(q.cursor.k, q.cursor.k, q.cursor.id);
    } else {
      conds.push(`${o.key} ${cmp} ${o.keyParam}`);
      params.push(q.cursor.k);
    }
  }
  let scanUntil: number | undefined;
  if (search && shortOnly(q.filter.terms)) {
    scanUntil = (q.cursor ? Number(q.cursor.k) : 0) + shortScanWindow(d);
    conds.push(`${search.seq} <= ?`);
    params.push(scanUntil);
  }
  const dir = o.desc ? "DESC" : "ASC";
  const from = search ? search.from : `"Item" i`;
  const order = search ? `${search.seq} ASC` : o.tie ? `${o.key} ${dir}, ${o.tie} ${dir}` : `${o.key} ${dir}`;
  const limit = Math.max(1, Math.min(5001, Math.floor(q.limit) + 1));
  return {
    text: `SELECT i."id" AS "id", ${o.keyText} AS "k" FROM ${from} WHERE ${conds.join(" AND ")} ORDER BY ${order} LIMIT ${limit}`,
    params,
    ...(scanUntil !== undefined ? { scanUntil } : {}),
  };
}

/** How many items match the filter. */
export function countSql(d: Dialect, f: ResolvedFilter): Sql {
  const search = searchSource(d, f.terms);
  const where = filterConditions(d, f);
  const from = search ? search.from : `"Item" i`;
  return {
    text: `SELECT COUNT(*) AS "n" FROM ${from} WHERE ${[...(search ? [search.text] : []), where.text].join(" AND ")}`,
    params: [...(search?.params ?? []), ...where.params],
  };
}

/** `?` placeholders as PostgreSQL's $1, $2 … (no `?` occurs in the builder's SQL text otherwise). */
export function numbered(d: Dialect, text: string): string {
  if (d === "sqlite") return text;
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** A cursor as an opaque URL-safe string, and back (null for anything that is not one). */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.k, c.id]), "utf8").toString("base64url");
}

export function decodeCursor(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    const v = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === 2 && (typeof v[0] === "string" || typeof v[0] === "number") && typeof v[1] === "string" && v[1].length <= 64) {
      return { k: v[0], id: v[1] };
    }
  } catch {
    /* not a cursor */
  }
  return null;
}
