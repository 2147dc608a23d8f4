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

  /** Pass 1: what the splits need, chunk by chunk. */
  async *splitRows(cond: { sql: string; params: unknown[] }, chunk = 10_000): AsyncGenerator<SplitRow[]> {
    let after = "";
    for (;;) {
      const rows = await this.bulk.all<Raw>(
        `SELECT i.id, i.status, i."finalDecision", i."taskType", i."sourceReference", c."externalId" AS "caseExternalId"
         FROM "Item" i LEFT JOIN "Case" c ON c.id = i."caseId" WHERE ${cond.sql} AND i.id > ? ORDER BY i.id LIMIT ${chunk}`,
        [...cond.params, after],
      );
      if (rows.length === 0) return;
      yield rows as unknown as SplitRow[];
      after = rows[rows.length - 1].id as string;
      if (rows.length < chunk) return;
    }
  }

  /**
   * Pass 2: whole items of the given ids (one chunk, sorted), in id order. A dense chunk (most items between its
   * first and last id are wanted, as in a full export) is read by id range, one index range scan per table; a
   * sparse one by its list of ids.
   */
  async items(ids: string[]): Promise<LoadedItem[]> {
    if (ids.length === 0) return [];
    const lo = ids[0];
    const hi = ids[ids.length - 1];
    const [span] = await this.bulk.all<{ n: unknown }>('SELECT COUNT(*) AS n FROM "Item" WHERE id >= ? AND id <= ?', [lo, hi]);
    const dense = Number(span.n) <= ids.length * 1.5;
    const where = (col: string) => (dense ? `${col} >= ? AND ${col} <= ?` : `${col} IN (${marks(ids.length)})`);
    const p = dense ? [lo, hi] : ids;
    const d = this.date;
    const [items, levels, images, versions, reviews, decisions] = [
      await this.bulk.all<Raw>(
        `SELECT i.id, i."externalId", i."taskType", i.language, i.modality, i.subfield, i.status, i."finalDecision", i.round, i."sourceType", i."sourceReference", i.licence, i."importBatchId", i."currentVersionId", c."externalId" AS "caseExternalId"
         FROM "Item" i LEFT JOIN "Case" c ON c.id = i."caseId" WHERE ${where("i.id")} ORDER BY i.id`,
        p,
      ),
      await this.bulk.all<Raw>(`SELECT "itemId", "level", kind, "rank", note FROM "ItemLevel" WHERE ${where('"itemId"')}`, p),
      await this.bulk.all<Raw>(`SELECT "itemId", "imageId", "position" FROM "ItemImage" WHERE ${where('"itemId"')}`, p),
      await this.bulk.all<Raw>(
        `SELECT id, "itemId", "number", kind, content, "generatorModel", "generatorVersion", "promptId", "promptVersion", "generationParams", ${d('"generatedAt"')} AS "generatedAt", "authorId", "basedOnId", levels
         FROM "ItemVersion" WHERE ${where('"itemId"')} AND "stagedBatchId" IS NULL`,
        p,
      ),
      await this.bulk.all<Raw>(
        `SELECT id, "itemId", "reviewerId", "isAdjudication", round, "baseVersionId", "resultVersionId", decision, reason, severity, comment, rubric, "rubricTotal", ${d('"submittedAt"')} AS "submittedAt"
         FROM "Review" WHERE ${where('"itemId"')}`,
        p,
      ),
      await this.bulk.all<Raw>(
        `SELECT ld."reviewId", ld."level", ld.decision, ld."correctedLevel", ld.reason, ld.severity, ld.comment
         FROM "LevelDecision" ld JOIN "Review" r ON r.id = ld."reviewId" WHERE ${where('r."itemId"')}`,
        p,
      ),
    ];
    const wanted = new Set(ids);
    const byItem = new Map<string, LoadedItem>();
    const out: LoadedItem[] = [];
    for (const r of items) {
      if (!wanted.has(r.id as string)) continue;
      const it: LoadedItem = {
        id: r.id as string,
        externalId: r.externalId as string,
        taskType: r.taskType as string,
        language: r.language as string,
        modality: (r.modality as string | null) ?? null,
        subfield: r.subfield as string,
        status: r.status as ItemStatus,
        finalDecision: (r.finalDecision as Decision | null) ?? null,
        round: Number(r.round),
        sourceType: r.sourceType as string,
        sourceReference: r.sourceReference as string,
        licence: (r.licence as string | null) ?? null,
        importBatchId: (r.importBatchId as string | null) ?? null,
        currentVersionId: (r.currentVersionId as string | null) ?? null,
        case: r.caseExternalId ? { externalId: r.caseExternalId as string } : null,
        levels: [],
        images: [],
        versions: [],
        reviews: [],
      };
      byItem.set(it.id, it);
      out.push(it);
    }
    for (const l of levels) byItem.get(l.itemId as string)?.levels.push({ level: l.level as string, kind: l.kind as string, rank: Number(l.rank), note: (l.note as string | null) ?? null });
    for (const im of images) byItem.get(im.itemId as string)?.images.push({ imageId: im.imageId as string, position: Number(im.position) });
    for (const v of versions) {
      byItem.get(v.itemId as string)?.versions.push({
        id: v.id as string,
        number: Number(v.number),
        kind: v.kind as LoadedVersion["kind"],
        content: toJson(v.content),
        generatorModel: (v.generatorModel as string | null) ?? null,
        generatorVersion: (v.generatorVersion as string | null) ?? null,
        promptId: (v.promptId as string | null) ?? null,
        promptVersion: (v.promptVersion as string | null) ?? null,
        generationParams: toJson(v.generationParams),
        generatedAt: toDate(v.generatedAt),
        authorId: (v.authorId as string | null) ?? null,
        basedOnId: (v.basedOnId as string | null) ?? null,
        levels: toJson(v.levels),
      });
    }
    const reviewById = new Map<string, LoadedReview>();
    const sorted = reviews
      .map((r) => ({ r, at: toDate(r.submittedAt)! }))
      .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.r.id as string).localeCompare(b.r.id as string));
    for (const { r, at } of sorted) {
      const rv: LoadedReview = {
        id: r.id as string,
        reviewerId: r.reviewerId as string,
        isAdjudication: toBool(r.isAdjudication),
        round: Number(r.round),
        baseVersionId: r.baseVersionId as string,
        resultVersionId: (r.resultVersionId as string | null) ?? null,
        decision: r.decision as Decision,
        reason: (r.reason as string | null) ?? null,
        severity: (r.severity as string | null) ?? null,
        comment: (r.comment as string | null) ?? null,
        rubric: toJson(r.rubric),
        rubricTotal: toNum(r.rubricTotal),
        submittedAt: at,
        levels: [],
      };
      reviewById.set(rv.id, rv);
      byItem.get(r.itemId as string)?.reviews.push(rv);
    }
    for (const l of decisions) {
      reviewById.get(l.reviewId as string)?.levels.push({
        level: l.level as string,
        decision: l.decision as Decision,
        correctedLevel: (l.correctedLevel as string | null) ?? null,
        reason: (l.reason as string | null) ?? null,
        severity: (l.severity as string | null) ?? null,
        comment: (l.comment as string | null) ?? null,
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
