import "server-only";
// Reading the items of a snapshot, in keyset chunks (id order), never all at once: first what the splits need, then
// chunk by chunk the whole items with their versions, levels, images (with landmarks) and reviews (with level
// decisions). These reads go straight through the database driver on one connection (lib/import/bulk), inside one
// read-only transaction: Prisma's nested reads would take minutes at 450,000 items, and the one transaction makes
// the snapshot a consistent picture of the data even while reviewers keep working. Values are brought back to what
// the Prisma client returns (dates, booleans, parsed JSON) on both providers.
import { dbConfig } from "@/lib/db/client";
import { toBool, toDate, toJson, toNum } from "@/lib/db/raw-values";
import { openBulk, type BulkTx } from "@/lib/import/bulk";
import { EXPORTABLE_STATUSES, isExportable, type Decision, type ItemStatus } from "@/lib/review/lifecycle";
import type { ExportFilters } from "./definition";
import type { NativeReview, NativeVersion } from "./records";

/** Statuses read for the negatives of KTO: a rejection by the round, or by adjudication. */
const NEGATIVE_STATUSES: ItemStatus[] = ["rejected", "adjudicated"];

export function isNegative(status: ItemStatus, finalDecision: Decision | null): boolean {
  return status === "rejected" || (status === "adjudicated" && finalDecision === "reject");
}

/** Whether a read item belongs in the snapshot: exportable under the filters, or a negative when KTO asks for them. */
export function belongs(item: { status: ItemStatus; finalDecision: Decision | null }, filters: ExportFilters, negatives: boolean): "positive" | "negative" | null {
  if (isExportable(item.status, item.finalDecision) && (filters.statuses.length === 0 || filters.statuses.includes(item.status as "approved" | "adjudicated"))) return "positive";
  if (negatives && isNegative(item.status, item.finalDecision)) return "negative";
  return null;
}

const marks = (n: number) => Array.from({ length: n }, () => "?").join(",");

/** The SQL condition (on Item as i) of a definition's filters, with its parameters. */
export function itemCondition(filters: ExportFilters, negatives: boolean): { sql: string; params: unknown[] } {
  const statuses = new Set<ItemStatus>(filters.statuses.length ? filters.statuses : EXPORTABLE_STATUSES);
  if (negatives) for (const s of NEGATIVE_STATUSES) statuses.add(s);
  const parts = ['i."stagedBatchId" IS NULL'];
  const params: unknown[] = [];
  const inList = (col: string, values: readonly string[]) => {
    if (!values.length) return;
    parts.push(`i."${col}" IN (${marks(values.length)})`);
    params.push(...values);
  };
  inList("status", [...statuses].sort());
  inList("taskType", filters.taskTypes);
  inList("modality", filters.modalities);
  inList("sourceType", filters.sources);
  inList("language", filters.languages);
  inList("importBatchId", filters.importBatches);
  if (filters.levels.length) {
    parts.push(`EXISTS (SELECT 1 FROM "ItemLevel" l WHERE l."itemId" = i.id AND l.level IN (${marks(filters.levels.length)}))`);
    params.push(...filters.levels);
  }
  if (filters.decidedFrom || filters.decidedTo) {
    const range: string[] = [];
    if (filters.decidedFrom) {
      range.push('r."submittedAt" >= ?');
      params.push(new Date(`${filters.decidedFrom}T00:00:00.000Z`));
    }
    if (filters.decidedTo) {
      range.push('r."submittedAt" <= ?');
      params.push(new Date(`${filters.decidedTo}T23:59:59.999Z`));
    }
    parts.push(`EXISTS (SELECT 1 FROM "Review" r WHERE r."itemId" = i.id AND ${range.join(" AND ")})`);
  }
  return { sql: parts.join(" AND "), params };
}

export interface SplitRow {
  id: string;
  status: ItemStatus;
  finalDecision: Decision | null;
  taskType: string;
  sourceReference: string;
  caseExternalId: string | null;
}

/** A version and a review as read: the rows the native record is built from (lib/export/records). */
export type LoadedVersion = NativeVersion;

/**
 * The versions whose content an export without history needs: the current one (the final text), and the LLM
 * versions before it when it is a reviewer's or adjudicator's text (preference pairs take the last of those).
 * An item with no current version falls back to its last, so all of its content is read.
 */
const NEEDED_CONTENT = `CASE WHEN i."currentVersionId" IS NULL OR v.id = i."currentVersionId"
  OR (v.kind IN ('draft', 'revision') AND cv.kind IN ('reviewed', 'adjudicated') AND v."number" < cv."number") THEN v.content END AS content`;
const NOT_READ = Symbol("not read");

type VersionFields = Omit<LoadedVersion, "content" | "contentJson">;

/**
 * A version whose content is parsed on first use. Most versions of an export are only copied into the native
 * record, never looked into: their stored JSON text (SQLite keeps the app's own JSON.stringify output) is kept as
 * `contentJson` and written as it is, which spares parsing and serialising the bulk of a snapshot again.
 * PostgreSQL's driver hands jsonb over already parsed; such a version has no text.
 * (A getter on a class keeps every version of one shape.)
 */
class TextVersion {
  private parsed: unknown = undefined;
  private done = false;
  constructor(
    fields: VersionFields,
    readonly contentJson: string,
  ) {
    Object.assign(this, fields);
  }
  get content(): unknown {
    if (!this.done) {
      this.parsed = toJson(this.contentJson);
      this.done = true;
    }
    return this.parsed;
  }
}

/** A version whose content this export did not read; asking for it is a bug, not a silent null. */
class UnreadVersion {
  constructor(fields: VersionFields) {
    Object.assign(this, fields);
  }
  get content(): unknown {
    throw new Error(`the content of version ${(this as unknown as VersionFields).number} was not read: this export has no native record`);
  }
}

function loadedVersion(stored: unknown, fields: VersionFields): LoadedVersion {
  if (stored === NOT_READ) return new UnreadVersion(fields) as unknown as LoadedVersion;
  if (typeof stored === "string") return new TextVersion(fields, stored) as unknown as LoadedVersion;
  return { ...fields, content: stored ?? null };
}
export type LoadedReview = NativeReview;

export interface LoadedItem {
  id: string;
  externalId: string;
  taskType: string;
  language: string;
  modality: string | null;
  subfield: string;
  status: ItemStatus;
  finalDecision: Decision | null;
  round: number;
  sourceType: string;
  sourceReference: string;
  licence: string | null;
  importBatchId: string | null;
  currentVersionId: string | null;
  case: { externalId: string } | null;
  levels: { level: string; kind: string; rank: number; note: string | null }[];
  images: { position: number; imageId: string }[];
  versions: LoadedVersion[];
  reviews: LoadedReview[];
}

export interface LoadedImage {
  id: string;
  sha256: string;
  storageKey: string;
  format: string;
  rows: number | null;
  columns: number | null;
  windowCenter: number | null;
  windowWidth: number | null;
  originalName: string | null;
  landmarks: { level: string; x: number; y: number; frame: number }[];
}

type Raw = Record<string, unknown>;

/** The snapshot's reading connection: one read-only transaction over every chunk. */
export class ItemReader {
  private constructor(
    private readonly bulk: BulkTx,
    private readonly date: (col: string) => string,
  ) {}

  static async open(): Promise<ItemReader> {
    const config = dbConfig();
    const bulk = await openBulk(config);
    if (config.provider === "sqlite") {
      // Each page is read once, in order: a small page cache is enough (the bulk connection's is sized for imports).
      await bulk.run("PRAGMA cache_size = -8192");
      await bulk.run("BEGIN");
      return new ItemReader(bulk, (c) => c);
    }
    await bulk.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    return new ItemReader(bulk, (c) => `CAST(${c} AS text)`);
  }

  async close(): Promise<void> {
    await this.bulk.run("COMMIT").catch(() => {});
    await this.bulk.close();
  }

  async count(cond: { sql: string; params: unknown[] }): Promise<number> {
    const [row] = await this.bulk.all<{ n: unknown }>(`SELECT COUNT(*) AS n FROM "Item" i WHERE ${cond.sql}`, cond.params);
    return Number(row.n);
  }

  /**
   * Pass 1: what the splits need, chunk by chunk. The chunks are cut along the primary key first, then filtered: a
   * keyset over the filtered rows lets the planner pick a filter's index (status, task type…) and sort every match
   * again for each chunk, which made this pass quadratic. The splits do not depend on the order rows come in.
   */
  async *splitRows(cond: { sql: string; params: unknown[] }, chunk = 10_000): AsyncGenerator<SplitRow[]> {
    let after = "";
    for (;;) {
      const [edge] = await this.bulk.all<{ hi: string | null; n: unknown }>(
        `SELECT MAX(id) AS hi, COUNT(*) AS n FROM (SELECT id FROM "Item" WHERE id > ? ORDER BY id LIMIT ${chunk}) k`,
        [after],
      );
      if (!edge?.hi) return;
      const rows = await this.bulk.all<Raw>(
        `SELECT i.id, i.status, i."finalDecision", i."taskType", i."sourceReference", c."externalId" AS "caseExternalId"
         FROM "Item" i LEFT JOIN "Case" c ON c.id = i."caseId"
         WHERE i.id IN (SELECT id FROM "Item" WHERE id > ? AND id <= ?) AND ${cond.sql}`,
        [after, edge.hi, ...cond.params],
      );
      yield rows as unknown as SplitRow[];
      after = edge.hi;
      if (Number(edge.n) < chunk) return;
    }
  }

  /**
   * Pass 2: whole items of the given ids (one chunk, sorted), in id order. A dense chunk (most items between its
   * first and last id are wanted, as in a full export) is read by id range, one index range scan per table; a
   * sparse one by its list of ids. Without `history` (no native record asked for), only the content of the
   * versions that can be the final text or the LLM text it corrected is read; the others' is left in the database.
   */
  async items(ids: string[], { history = true }: { history?: boolean } = {}): Promise<LoadedItem[]> {
    if (ids.length === 0) return [];
    const lo = ids[0];
    const hi = ids[ids.length - 1];
    const [span] = await this.bulk.all<{ n: unknown }>('SELECT COUNT(*) AS n FROM "Item" WHERE id >= ? AND id <= ?', [lo, hi]);
    const dense = Number(span.n) <= ids.length * 1.5;
    const where = (col: string) => (dense ? `${col} >= ? AND ${col} <= ?` : `${col} IN (${marks(ids.length)})`);
    const p = dense ? [lo, hi] : ids;
    const d = this.date;
    // Rows as arrays (no object per row): the columns are read by position, in the order selected.
    const [items, levels, images, versions, reviews, decisions] = [
      await this.bulk.rows(
        `SELECT i.id, i."externalId", i."taskType", i.language, i.modality, i.subfield, i.status, i."finalDecision", i.round, i."sourceType", i."sourceReference", i.licence, i."importBatchId", i."currentVersionId", c."externalId" AS "caseExternalId"
         FROM "Item" i LEFT JOIN "Case" c ON c.id = i."caseId" WHERE ${where("i.id")} ORDER BY i.id`,
        p,
      ),
      await this.bulk.rows(`SELECT "itemId", "level", kind, "rank", note FROM "ItemLevel" WHERE ${where('"itemId"')}`, p),
      await this.bulk.rows(`SELECT "itemId", "imageId", "position" FROM "ItemImage" WHERE ${where('"itemId"')}`, p),
      await this.bulk.rows(
        `SELECT v.id, v."itemId", v."number", v.kind, ${history ? "v.content" : NEEDED_CONTENT}, v."generatorModel", v."generatorVersion", v."promptId", v."promptVersion", v."generationParams", ${d('v."generatedAt"')} AS "generatedAt", v."authorId", v."basedOnId", v.levels
         FROM "ItemVersion" v${history ? "" : ' JOIN "Item" i ON i.id = v."itemId" LEFT JOIN "ItemVersion" cv ON cv.id = i."currentVersionId"'} WHERE ${where('v."itemId"')} AND v."stagedBatchId" IS NULL`,
        p,
      ),
      await this.bulk.rows(
        `SELECT id, "itemId", "reviewerId", "isAdjudication", round, "baseVersionId", "resultVersionId", decision, reason, severity, comment, rubric, "rubricTotal", ${d('"submittedAt"')} AS "submittedAt"
         FROM "Review" WHERE ${where('"itemId"')}`,
        p,
      ),
      await this.bulk.rows(
        `SELECT ld."reviewId", ld."level", ld.decision, ld."correctedLevel", ld.reason, ld.severity, ld.comment
         FROM "LevelDecision" ld JOIN "Review" r ON r.id = ld."reviewId" WHERE ${where('r."itemId"')}`,
        p,
      ),
    ];
    const wanted = new Set(ids);
    const byItem = new Map<string, LoadedItem>();
    const out: LoadedItem[] = [];
    const str = (v: unknown) => v as string;
    const opt = (v: unknown) => (v as string | null) ?? null;
    for (const r of items) {
      if (!wanted.has(str(r[0]))) continue;
      const it: LoadedItem = {
        id: str(r[0]),
        externalId: str(r[1]),
        taskType: str(r[2]),
        language: str(r[3]),
        modality: opt(r[4]),
        subfield: str(r[5]),
        status: r[6] as ItemStatus,
        finalDecision: (r[7] as Decision | null) ?? null,
        round: Number(r[8]),
        sourceType: str(r[9]),
        sourceReference: str(r[10]),
        licence: opt(r[11]),
        importBatchId: opt(r[12]),
        currentVersionId: opt(r[13]),
        case: r[14] ? { externalId: str(r[14]) } : null,
        levels: [],
        images: [],
        versions: [],
        reviews: [],
      };
      byItem.set(it.id, it);
      out.push(it);
    }
    for (const l of levels) byItem.get(str(l[0]))?.levels.push({ level: str(l[1]), kind: str(l[2]), rank: Number(l[3]), note: opt(l[4]) });
    for (const im of images) byItem.get(str(im[0]))?.images.push({ imageId: str(im[1]), position: Number(im[2]) });
    for (const v of versions) {
      byItem.get(str(v[1]))?.versions.push(
        loadedVersion(!history && v[4] === null ? NOT_READ : v[4], {
          id: str(v[0]),
          number: Number(v[2]),
          kind: v[3] as LoadedVersion["kind"],
          generatorModel: opt(v[5]),
          generatorVersion: opt(v[6]),
          promptId: opt(v[7]),
          promptVersion: opt(v[8]),
          generationParams: toJson(v[9]),
          generatedAt: toDate(v[10]),
          authorId: opt(v[11]),
          basedOnId: opt(v[12]),
          levels: toJson(v[13]),
        }),
      );
    }
    const reviewById = new Map<string, LoadedReview>();
    const sorted = reviews
      .map((r) => ({ r, at: toDate(r[13])! }))
      .sort((a, b) => a.at.getTime() - b.at.getTime() || str(a.r[0]).localeCompare(str(b.r[0])));
    for (const { r, at } of sorted) {
      const rv: LoadedReview = {
        id: str(r[0]),
        reviewerId: str(r[2]),
        isAdjudication: toBool(r[3]),
        round: Number(r[4]),
        baseVersionId: str(r[5]),
        resultVersionId: opt(r[6]),
        decision: r[7] as Decision,
        reason: opt(r[8]),
        severity: opt(r[9]),
        comment: opt(r[10]),
        rubric: toJson(r[11]),
        rubricTotal: toNum(r[12]),
        submittedAt: at,
        levels: [],
      };
      reviewById.set(rv.id, rv);
      byItem.get(str(r[1]))?.reviews.push(rv);
    }
    for (const l of decisions) {
      reviewById.get(str(l[0]))?.levels.push({
        level: str(l[1]),
        decision: l[2] as Decision,
        correctedLevel: opt(l[3]),
        reason: opt(l[4]),
        severity: opt(l[5]),
        comment: opt(l[6]),
      });
    }
    // Row order from the database is not guaranteed: sort what the records show.
    for (const it of out) {
      it.versions.sort((a, b) => a.number - b.number);
      it.levels.sort((a, b) => a.rank - b.rank || (a.level < b.level ? -1 : a.level > b.level ? 1 : 0));
      it.images.sort((a, b) => a.position - b.position);
      for (const r of it.reviews) r.levels.sort((a, b) => (a.level < b.level ? -1 : a.level > b.level ? 1 : 0));
    }
    return out;
  }

  /** The images of a chunk (with their landmarks when grounding needs them). */
  async images(ids: string[], withLandmarks: boolean): Promise<Map<string, LoadedImage>> {
    const out = new Map<string, LoadedImage>();
    if (ids.length === 0) return out;
    const m = marks(ids.length);
    const rows = await this.bulk.all<Raw>(`SELECT id, sha256, "storageKey", format, "rows", "columns", "windowCenter", "windowWidth", "originalName" FROM "Image" WHERE id IN (${m})`, ids);
    for (const r of rows) {
      out.set(r.id as string, {
        id: r.id as string,
        sha256: r.sha256 as string,
        storageKey: r.storageKey as string,
        format: r.format as string,
        rows: toNum(r.rows),
        columns: toNum(r.columns),
        windowCenter: toNum(r.windowCenter),
        windowWidth: toNum(r.windowWidth),
        originalName: (r.originalName as string | null) ?? null,
        landmarks: [],
      });
    }
    if (withLandmarks) {
      const lm = await this.bulk.all<Raw>(`SELECT "imageId", level, x, y, frame FROM "ImageLandmark" WHERE "imageId" IN (${m}) ORDER BY "imageId", frame, level`, ids);
      for (const l of lm) out.get(l.imageId as string)?.landmarks.push({ level: l.level as string, x: Number(l.x), y: Number(l.y), frame: Number(l.frame) });
    }
    return out;
  }
}
