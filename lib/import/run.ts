import "server-only";
// An import: items (JSON Lines) and optionally a folder of images, as one batch. The batch writes in short
// transactions (a chunk of lines each), so reviewers' saves never wait long for the database, and its rows stay
// invisible until one last short transaction makes the whole batch visible:
// - a new item is written with Item.stagedBatchId set (every read of items ignores staged rows);
// - a changed existing item gets a staged stand-in row (its new metadata, levels, image links and new versions)
//   while the item itself stays as it was; the last transaction applies all stand-ins set-based.
// Invalid lines refuse the whole batch unless skipInvalid; a dry run writes nothing; a refused or failed batch
// removes what it wrote; a killed one is removed by the next import or app start (lib/import/batches), and
// running the same command again completes it. Image files are staged and moved into the store at the commit.
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { eventHash, GENESIS_HASH, PG_AUDIT_LOCK } from "@/lib/audit/hash";
import { applyStandInTexts, indexImportChunk } from "@/lib/browse/search-index";
import { db, dbConfig } from "@/lib/db/client";
import { deterministicUidMapper } from "@/lib/dicom/phi";
import { ConflictError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { ImportLineError } from "@/lib/items/parse-line";
import type { ImportLine } from "@/lib/items/schema";
import { parseLevel } from "@/lib/levels";
import { REVIEWABLE_STATUSES, transition, type ItemStatus } from "@/lib/review/lifecycle";
import { imageStore } from "@/lib/storage";
import { abandonment, discardBatch, heartbeat, recoverAbandonedImports, runningBatches, runningInfo } from "./batches";
import { JsonText, openBulk, type BulkTx, type Row } from "./bulk";
import { deidentificationSecret, scanImages, type ImageScan, type PhiPolicy, type RefusedFile } from "./images";
import { pacsRequestsOf } from "./pacs-lines";
import { pullFromPacs, requestKey, type BadInstancePolicy, type PacsPull, type PacsRequest } from "./pacs-pull";
import { endpointByName } from "@/lib/dicomweb/endpoints";
import { isPacsRef } from "@/lib/items/schema";
import { readLandmarks } from "./landmarks";
import { LineCounter } from "./lines";
import type { PreparedContent, PreparedLine } from "./prepare-line";
import { preparedBatches, type BatchResult } from "./preparer";
import { AUDIT, BATCH, CASE, IMAGE, ITEM, ITEM_IMAGE, LANDMARK, LEVEL, SERIES, VERSION } from "./tables";
import { visible } from "./visible-text";
import { recordImport } from "@/lib/dashboard/record";

export interface ImportOptions {
  itemsFile: string;
  /** The name to record (the uploaded file's own name when the file was staged under another). */
  fileName?: string;
  imagesDir?: string;
  landmarksFile?: string;
  policy: PhiPolicy;
  dryRun: boolean;
  skipInvalid: boolean;
  actorId: string | null;
  /** Reviews required for lines that do not say (1–5); 1 when not given. */
  requiredReviews?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Studies to pull from a PACS into a case without items (attached from the Import page), besides the lines' own references. */
  pacsStudies?: PacsRequest[];
  /** A bad PACS instance: report it and go on ("skip", the default), or stop the import with nothing written. */
  onBadInstance?: BadInstancePolicy;
}

export interface ImportProgress {
  phase: "reading" | "images" | "items" | "saving";
  done: number;
  total: number;
}

export type ImportStatus = "completed" | "refused" | "dry_run" | "already_imported" | "no_changes" | "empty";

export interface ImportCounts {
  lines: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  versionsCreated: number;
  reReview: number;
  images: { files: number; accepted: number; newRows: number; stored: number; alreadyStored: number; stripped: number; refused: number };
  landmarks: number;
  /** Instances pulled from a PACS (WADO-RS) and ones skipped because this app already had them. */
  pacs?: { fetched: number; alreadyHere: number };
}

export interface ImportReport {
  status: ImportStatus;
  batchId: string | null;
  file: { name: string; sha256: string; lines: number };
  counts: ImportCounts;
  errors: ImportLineError[];
  errorsTotal: number;
  refusedImages: RefusedFile[];
  reReviewItems: string[];
  previousBatch?: { id: string; startedAt: string };
  seconds: number;
}

/** Another import is writing: one batch at a time keeps "nothing half-imported" simple to guarantee. */
export class ImportBusyError extends ConflictError {}

const MAX_REPORTED = 1000;
/**
 * Lines written at a time, and how long a write transaction may go on taking chunks. SQLite has one writer at a
 * time: an item costs about a millisecond of writing at 450,000 items (most of it its search text's trigrams), so
 * a chunk of 100 holds the database for about 100 ms and each chunk commits, so a reviewer's save never waits long
 * behind one (1,000-line chunks import about a fifth faster but hold the lock for a second each). PostgreSQL
 * locks rows, and reviewers never touch staged rows: larger chunks and transactions there, fewer commits.
 */
const WRITE_PACE = { sqlite: { chunk: 100, txMs: 0 }, postgres: { chunk: 1000, txMs: 150 } } as const;
/**
 * After each write transaction on SQLite the import lets go of the lock this long before taking it again: the
 * server's writers (waiting a few milliseconds between tries, lib/db/sqlite-adapter) get their turn in between.
 */
const YIELD_MS = 15;
/** A write shorter than this (a small import's) is not worth the pause. */
const YIELD_AFTER_MS = 20;
/** The pause after a SQLite write that began at `startedAt` (ms), when it held the lock long enough to matter. */
async function yieldLockAfter(conn: BulkTx, startedAt: number): Promise<void> {
  if (conn.provider === "sqlite" && Date.now() - startedAt >= YIELD_AFTER_MS) await new Promise((r) => setTimeout(r, YIELD_MS));
}
/** The tables an import grows, whose statistics SQLite's planner needs refreshed after it. */
const ANALYZED_TABLES = ["Item", "ItemVersion", "ItemLevel", "ItemImage", "ItemSearchText", "Assignment", "DashItemState", "DashItemLevel"];
const LINES_PER_BATCH = 1000;
const HEARTBEAT_MS = 1000;

async function hashAndCount(file: string) {
  const hash = createHash("sha256");
  const counter = new LineCounter();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    counter.add(chunk as Buffer);
  }
  return { sha256: hash.digest("hex"), lines: counter.lines };
}

function emptyCounts(): ImportCounts {
  return {
    lines: 0, valid: 0, invalid: 0, created: 0, updated: 0, unchanged: 0, versionsCreated: 0, reReview: 0,
    images: { files: 0, accepted: 0, newRows: 0, stored: 0, alreadyStored: 0, stripped: 0, refused: 0 },
    landmarks: 0,
  };
}

/** The report as shown to people: every text that came from the file has its control characters escaped. */
function safeReport(r: ImportReport): ImportReport {
  return {
    ...r,
    file: { ...r.file, name: visible(r.file.name) },
    errors: r.errors.map((e) => ({ line: e.line, path: visible(e.path), message: visible(e.message) })),
    refusedImages: r.refusedImages.map((f) => ({ ...f, path: visible(f.path), reason: visible(f.reason), ...(f.tags ? { tags: f.tags.map(visible) } : {}) })),
    reReviewItems: r.reReviewItems.map(visible),
  };
}

interface ImageIndex {
  byPath: Map<string, string>; // relative path (this import or an earlier one) → image id
  bySop: Map<string, string>; // SOP instance UID (original or de-identified) → image id
  byPacs: Map<string, string>; // "<endpoint id>|<SOP instance UID in the PACS>" → image id
}

/** Writes the scanned images (new content only), their cases and series; returns how to find them by reference. */
async function writeImages(tx: BulkTx, write: boolean, scan: ImageScan | null, batchId: string, uidMap: (u: string) => string, now: Date, caseIds: Map<string, string>) {
  const existing = await tx.all<{ id: string; sha256: string; originalName: string | null; sopInstanceUid: string | null; pacsEndpointId: string | null; pacsInstanceUid: string | null }>(
    `SELECT "id", "sha256", "originalName", "sopInstanceUid", "pacsEndpointId", "pacsInstanceUid" FROM "Image"`,
  );
  const index: ImageIndex = { byPath: new Map(), bySop: new Map(), byPacs: new Map() };
  const bySha = new Map<string, string>();
  for (const r of existing) {
    bySha.set(r.sha256, r.id);
    if (r.originalName) index.byPath.set(r.originalName, r.id);
    if (r.sopInstanceUid) index.bySop.set(r.sopInstanceUid, r.id);
    if (r.pacsEndpointId && r.pacsInstanceUid) index.byPacs.set(`${r.pacsEndpointId}|${r.pacsInstanceUid}`, r.id);
  }
  let newRows = 0;
  if (!scan) return { index, newRows };

  await ensureCases(tx, write, [...new Set(scan.images.map((i) => i.caseExternalId))], caseIds, now);
  const series = await tx.all<{ id: string; caseId: string; seriesUid: string | null }>(`SELECT "id", "caseId", "seriesUid" FROM "Series"`);
  const seriesIds = new Map(series.map((s) => [`${s.caseId}|${s.seriesUid}`, s.id]));
  const newSeries: Row[] = [];
  const newImages: Row[] = [];
  const pacsKnown = new Set(existing.filter((r) => r.pacsEndpointId).map((r) => r.id));
  const pacsOrigins: string[][] = [];
  for (const img of scan.images) {
    const caseId = caseIds.get(img.caseExternalId)!;
    const key = `${caseId}|${img.seriesKey}`;
    let seriesId = seriesIds.get(key);
    if (!seriesId) {
      seriesId = newId();
      seriesIds.set(key, seriesId);
      newSeries.push({
        id: seriesId, caseId, seriesUid: img.seriesKey, modality: img.seriesModality, sequence: img.sequence, view: img.view,
        description: img.seriesDescription, number: img.seriesNumber, createdAt: now,
      });
    }
    let id = bySha.get(img.sha256);
    // The same file already here from elsewhere (an upload, another endpoint): it keeps its row, which learns where
    // it is in this PACS, so a re-run does not fetch it again.
    if (id && img.pacs && !pacsKnown.has(id)) {
      pacsKnown.add(id);
      pacsOrigins.push([img.pacs.endpointId, img.pacs.studyUid, img.pacs.seriesUid, img.pacs.instanceUid, id]);
    }
    if (!id) {
      id = newId();
      bySha.set(img.sha256, id);
      const h = img.header;
      newImages.push({
        id, seriesId, sha256: img.sha256, storageKey: img.sha256, format: img.format, sizeBytes: img.size,
        sopInstanceUid: h.sopInstanceUid ?? null, sopClassUid: h.sopClassUid ?? null, instanceNumber: h.instanceNumber ?? null,
        modality: h.modality ?? null, rows: h.rows, columns: h.columns, frames: h.frames, bitsAllocated: h.bitsAllocated ?? null,
        photometric: h.photometricInterpretation ?? null, pixelSpacingRow: h.pixelSpacing?.[0] ?? null, pixelSpacingCol: h.pixelSpacing?.[1] ?? null,
        windowCenter: h.windowCenter ?? null, windowWidth: h.windowWidth ?? null, transferSyntaxUid: h.transferSyntaxUid ?? null,
        sliceLocation: h.sliceLocation ?? null, originalName: img.relPath, deidentification: img.deidentification, importBatchId: batchId, createdAt: now,
        pacsEndpointId: img.pacs?.endpointId ?? null, pacsStudyUid: img.pacs?.studyUid ?? null, pacsSeriesUid: img.pacs?.seriesUid ?? null,
        pacsInstanceUid: img.pacs?.instanceUid ?? null, proxied: img.pacs?.proxied ?? false,
      });
      newRows++;
    }
    index.byPath.set(img.relPath, id);
    if (img.pacs) index.byPacs.set(`${img.pacs.endpointId}|${img.pacs.instanceUid}`, id);
    if (img.originalSopInstanceUid) {
      index.bySop.set(img.originalSopInstanceUid, id);
      index.bySop.set(uidMap(img.originalSopInstanceUid), id);
    }
    if (img.header.sopInstanceUid) index.bySop.set(img.header.sopInstanceUid, id);
  }
  if (write) {
    await tx.insert(SERIES, newSeries);
    await tx.insert(IMAGE, newImages);
    for (const params of pacsOrigins) {
      await tx.run(`UPDATE "Image" SET "pacsEndpointId" = ?, "pacsStudyUid" = ?, "pacsSeriesUid" = ?, "pacsInstanceUid" = ? WHERE "id" = ? AND "pacsEndpointId" IS NULL`, params);
    }
  }
  return { index, newRows };
}

/** Finds or (when writing) creates the cases; a dry run gives unknown cases a placeholder id. */
async function ensureCases(tx: BulkTx, write: boolean, externalIds: string[], caseIds: Map<string, string>, now: Date) {
  const missing = externalIds.filter((e) => !caseIds.has(e));
  if (missing.length === 0) return;
  for (let i = 0; i < missing.length; i += 500) {
    const part = missing.slice(i, i + 500);
    if (write) await tx.insertIgnore(CASE, part.map((externalId) => ({ id: newId(), externalId, createdAt: now })), ["externalId"]);
    const rows = await tx.all<{ id: string; externalId: string }>(
      `SELECT "id", "externalId" FROM "Case" WHERE "externalId" IN (${part.map(() => "?").join(",")})`,
      part,
    );
    for (const r of rows) caseIds.set(r.externalId, r.id);
    for (const e of part) if (!caseIds.has(e)) caseIds.set(e, newId());
  }
}

async function appendAuditRaw(tx: BulkTx, e: { actorId: string | null; action: string; targetType: string; targetId: string; before?: unknown; after?: unknown }, state: { prev?: string }) {
  if (state.prev === undefined) {
    if (tx.provider === "postgres") await tx.run(`SELECT pg_advisory_xact_lock(${PG_AUDIT_LOCK})`);
    const last = await tx.all<{ hash: string }>(`SELECT "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1`);
    state.prev = last[0]?.hash ?? GENESIS_HASH;
  }
  const at = new Date();
  const before = e.before === undefined ? null : JSON.parse(JSON.stringify(e.before));
  const after = e.after === undefined ? null : JSON.parse(JSON.stringify(e.after));
  const hash = eventHash({ prevHash: state.prev, at, actorId: e.actorId, action: e.action, targetType: e.targetType, targetId: e.targetId, before, after });
  await tx.insert(AUDIT, [{ at, actorId: e.actorId, action: e.action, targetType: e.targetType, targetId: e.targetId, before, after, prevHash: state.prev, hash }]);
  state.prev = hash;
}

function versionRow(itemId: string, number: number, kind: "draft" | "revision", v: NonNullable<ImportLine["revision"]>, c: PreparedContent, batchId: string, now: Date, staged: boolean): Row {
  return {
    id: newId(), itemId, number, kind, content: new JsonText(c.text), contentHash: c.hash,
    generatorModel: v.generator.model, generatorVersion: v.generator.modelVersion, promptId: v.generator.promptId,
    promptVersion: v.generator.promptVersion, generationParams: v.generator.params ?? null,
    generatedAt: v.generator.createdAt ? new Date(v.generator.createdAt) : null, authorId: null, basedOnId: null, importBatchId: batchId,
    stagedBatchId: staged ? batchId : null, createdAt: now,
  };
}

function levelRows(itemId: string, line: ImportLine): Row[] {
  return line.levels.map((l) => {
    const info = parseLevel(l.level);
    if (!info.ok) throw new Error(info.error); // the schema already normalised it
    const note = [l.castellvi ? `Castellvi ${l.castellvi}` : null, l.note ?? null].filter(Boolean).join("; ") || null;
    return { id: newId(), itemId, level: info.level.canonical, kind: info.level.kind, rank: info.level.rank, note };
  });
}

function itemFields(line: ImportLine, caseId: string | null) {
  return {
    taskType: line.taskType, language: line.language, modality: line.modality, subfield: line.subfield,
    requiredReviews: line.requiredReviews, caseId, sourceType: line.provenance.sourceType,
    sourceReference: line.provenance.reference, licence: line.provenance.licence,
  };
}

/**
 * The stand-in of a changed existing item is an Item row staged with the batch, whose externalId names the item it
 * stands for; no real externalId can start with "~" (the format allows letters, digits and . _ : - only).
 * Its new versions are numbered from STANDIN_BASE up (below every real number) and renumbered after the item's
 * own versions when the batch completes.
 */
const standInPrefix = (batchId: string) => `~${batchId}~`;
const STANDIN_BASE = -1_000_000;

interface Pending extends PreparedLine {
  imageIds: string[];
}

interface Prior {
  id: string;
  externalId: string;
  sourceHash: string | null;
  status: string;
}

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(",");

export async function runImport(opts: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const config = dbConfig();
  const progress = opts.onProgress ?? (() => {});
  const fileName = opts.fileName ?? path.basename(opts.itemsFile);
  const counts = emptyCounts();
  const errors: ImportLineError[] = [];
  let errorsTotal = 0;
  const addError = (e: ImportLineError) => {
    errorsTotal++;
    if (errors.length < MAX_REPORTED) errors.push(e);
  };
  let reReviewItems: string[] = [];
  const defaults = { requiredReviews: opts.requiredReviews ?? 1 };

  if (!existsSync(opts.itemsFile)) throw new Error(`The items file ${opts.itemsFile} does not exist.`);
  if (opts.imagesDir && !existsSync(opts.imagesDir)) throw new Error(`The image folder ${opts.imagesDir} does not exist.`);
  progress({ phase: "reading", done: 0, total: 1 });
  const file = await hashAndCount(opts.itemsFile);
  const report = (status: ImportStatus, batchId: string | null, refused: RefusedFile[] = [], previousBatch?: ImportReport["previousBatch"]): ImportReport =>
    safeReport({
      status, batchId, file: { name: fileName, sha256: file.sha256, lines: file.lines }, counts, errors, errorsTotal,
      refusedImages: refused, reReviewItems, previousBatch, seconds: (Date.now() - started) / 1000,
    });

  const uidSecret = deidentificationSecret();
  const uidMap = deterministicUidMapper(uidSecret);
  // PACS references are pulled before the lines are written; a file that has them is never "already imported",
  // so running it again fetches what is still missing.
  const pacsRequests = [...(opts.pacsStudies ?? []), ...(await pacsRequestsOf(opts.itemsFile, uidMap))];
  if (!opts.dryRun && !opts.imagesDir && pacsRequests.length === 0) {
    const previous = await db().importBatch.findFirst({ where: { fileSha256: file.sha256, status: "completed" }, orderBy: { startedAt: "desc" } });
    const previousDefault = (previous?.report as { defaults?: { requiredReviews?: number } } | null)?.defaults?.requiredReviews ?? 1;
    if (previous && previousDefault === defaults.requiredReviews) {
      counts.lines = file.lines;
      counts.unchanged = (previous.counts as { valid?: number } | null)?.valid ?? 0;
      return report("already_imported", previous.id, [], { id: previous.id, startedAt: previous.startedAt.toISOString() });
    }
  }

  const write = !opts.dryRun;
  const now = new Date();
  const batchId = newId();
  const store = imageStore();
  const conn = await openBulk(config);
  let batchStarted = false;
  let finished = false;
  let lastBeat = 0;
  /** A sign of life inside the caller's transaction, at most every HEARTBEAT_MS. */
  const beat = async (lines?: number, force = false) => {
    if (!batchStarted || (!force && Date.now() - lastBeat < HEARTBEAT_MS)) return;
    lastBeat = Date.now();
    await heartbeat(conn, batchId, lines);
  };
  /** A sign of life in a transaction of its own (phases that write nothing else). */
  const beatAlone = async (lines?: number) => {
    if (!batchStarted || Date.now() - lastBeat < HEARTBEAT_MS) return;
    await conn.begin();
    await beat(lines, true);
    await conn.commit();
  };
  let scanBeat: Promise<void> = Promise.resolve();
  try {
    if (write) {
      // Leftovers of killed imports go first; then this batch's row, unless another import is alive.
      await recoverAbandonedImports(conn);
      await conn.begin();
      if (conn.provider === "postgres") await conn.run(`SELECT pg_advisory_xact_lock(${PG_AUDIT_LOCK + 1})`);
      const alive = (await runningBatches(conn)).find((b) => !abandonment(b.report, b.startedAt));
      if (alive) {
        await conn.rollback();
        throw new ImportBusyError(`Another import (${visible(alive.fileName)}, started ${alive.startedAt.toISOString()}) is running; start this one when it has finished.`);
      }
      await conn.insert(BATCH, [{ id: batchId, fileName, fileSha256: file.sha256, policy: opts.policy, status: "running", createdById: opts.actorId, counts: null, report: { running: runningInfo() }, startedAt: now, finishedAt: null }]);
      await conn.commit();
      batchStarted = true;
      lastBeat = Date.now();
    }

    let scan: ImageScan | null = null;
    if (opts.imagesDir) {
      scan = await scanImages(opts.imagesDir, {
        policy: opts.policy, dryRun: opts.dryRun, store, batchId: write ? batchId : null, uidSecret,
        onProgress: (done, total) => {
          progress({ phase: "images", done, total });
          // The scan awaits file reads between calls: one sign of life at a time, awaited before the next write.
          scanBeat = scanBeat.then(() => beatAlone());
        },
      });
      await scanBeat;
      counts.images = {
        files: scan.images.length + scan.refused.length, accepted: scan.images.length, newRows: 0, stored: 0,
        alreadyStored: scan.alreadyStored, stripped: scan.stripped, refused: scan.refused.length,
      };
    }
    let pull: PacsPull | null = null;
    if (pacsRequests.length > 0) {
      pull = await pullFromPacs(conn, pacsRequests, {
        policy: opts.policy, dryRun: opts.dryRun, store, batchId: write ? batchId : null, uidMap, onBadInstance: opts.onBadInstance ?? "skip",
        endpoint: endpointByName,
        onProgress: (done, total) => {
          progress({ phase: "images", done, total });
          scanBeat = scanBeat.then(() => beatAlone());
        },
      });
      await scanBeat;
      counts.pacs = { fetched: pull.fetched, alreadyHere: pull.alreadyHere };
      scan = scan
        ? { ...scan, images: [...scan.images, ...pull.scan.images], refused: [...scan.refused, ...pull.scan.refused], stripped: scan.stripped + pull.scan.stripped, alreadyStored: scan.alreadyStored + pull.scan.alreadyStored }
        : pull.scan;
      counts.images = {
        files: scan.images.length + scan.refused.length, accepted: scan.images.length, newRows: 0, stored: 0,
        alreadyStored: scan.alreadyStored, stripped: scan.stripped, refused: scan.refused.length,
      };
      if (pull.stoppedBy) {
        addError({ line: 0, path: "images", message: `stopped at a bad PACS instance (--on-bad-instance stop), nothing was written: ${pull.stoppedBy}` });
      }
    }
    const landmarksFile = opts.landmarksFile ?? (opts.imagesDir && existsSync(path.join(opts.imagesDir, "landmarks.jsonl")) ? path.join(opts.imagesDir, "landmarks.jsonl") : undefined);
    const landmarkInput = landmarksFile ? await readLandmarks(landmarksFile) : { landmarks: [], errors: [] };
    landmarkInput.errors.forEach(addError);

    // Chunk 0: images with their series and cases (the rows items link to). Image rows are reachable only through
    // items, and this batch's items stay staged until the end.
    const caseIds = new Map<string, string>();
    if (write) await conn.begin();
    const { index, newRows } = await writeImages(conn, write, scan, batchId, uidMap, now, caseIds);
    counts.images.newRows = newRows;
    if (write) {
      await beat(0, true);
      await conn.commit();
    }

    // Landmarks: on images of this import or earlier ones; written with the last transaction.
    const landmarkRows: Row[] = [];
    const dims = new Map((scan?.images ?? []).map((i) => [i.relPath, i.header]));
    for (const l of landmarkInput.landmarks) {
      const imageId = index.byPath.get(l.image);
      if (!imageId) {
        addError({ line: l.line, path: "landmarks.image", message: `no image ${l.image} in this import or an earlier one` });
        continue;
      }
      const d = dims.get(l.image);
      if (d && ((d.columns != null && l.x >= d.columns) || (d.rows != null && l.y >= d.rows))) {
        addError({ line: l.line, path: "landmarks", message: `point (${l.x}, ${l.y}) lies outside the ${d.columns}×${d.rows} image ${l.image}` });
        continue;
      }
      landmarkRows.push({ id: newId(), imageId, level: l.level, x: l.x, y: l.y, frame: l.frame });
    }
    const newLandmarks = await unknownLandmarks(conn, landmarkRows);
    counts.landmarks = newLandmarks.length;

    const seen = new Map<string, number>();
    let pending: Pending[] = [];
    // Writing stops at the first problem of a batch that will be refused; validation goes on to the end.
    const writing = () => write && !pull?.stoppedBy && (opts.skipInvalid || errorsTotal === 0);

    let txStartedAt: number | null = null;
    const endTx = async (lines?: number) => {
      if (txStartedAt === null) return;
      await beat(lines, true);
      await conn.commit();
      const startedAt = txStartedAt;
      txStartedAt = null;
      await yieldLockAfter(conn, startedAt);
    };
    const flush = async (last = false) => {
      const w = writing();
      if (!w) await endTx(); // a batch that will be refused writes no more (what it wrote goes at the end)
      if (pending.length === 0) {
        if (last) await endTx();
        return;
      }
      if (w && txStartedAt === null) {
        await conn.begin();
        txStartedAt = Date.now();
      }
      const ids = pending.map((p) => p.line.externalId);
      const existing = await conn.all<Prior>(
        `SELECT "id", "externalId", "sourceHash", "status" FROM "Item" WHERE "externalId" IN (${placeholders(ids.length)}) AND "stagedBatchId" IS NULL`,
        ids,
      );
      const byExt = new Map(existing.map((e) => [e.externalId, e]));
      await ensureCases(conn, w, [...new Set(pending.map((p) => p.line.provenance.caseId).filter((c): c is string => !!c))], caseIds, now);
      const changed = pending.filter((p) => {
        const prior = byExt.get(p.line.externalId);
        return prior && prior.sourceHash !== p.sourceHash;
      });
      const priorVersions = await versionsOf(conn, changed.map((p) => byExt.get(p.line.externalId)!.id));
      const items: Row[] = [];
      const versions: Row[] = [];
      const levels: Row[] = [];
      const links: Row[] = [];
      for (const p of pending) {
        const caseId = p.line.provenance.caseId ? caseIds.get(p.line.provenance.caseId)! : null;
        const prior = byExt.get(p.line.externalId);
        if (!prior) {
          const itemId = newId();
          const draft = versionRow(itemId, 1, "draft", p.line.draft, p.draft, batchId, now, false);
          versions.push(draft);
          let current = draft.id;
          if (p.line.revision) {
            const rev = versionRow(itemId, 2, "revision", p.line.revision, p.revision!, batchId, now, false);
            versions.push(rev);
            current = rev.id;
          }
          items.push({
            id: itemId, externalId: p.line.externalId, ...itemFields(p.line, caseId), status: "pending", importBatchId: batchId, currentVersionId: current,
            sourceHash: p.sourceHash, openSlots: p.line.requiredReviews, round: 1, stagedBatchId: batchId, createdAt: now, updatedAt: now,
          });
          levels.push(...levelRows(itemId, p.line));
          p.imageIds.forEach((imageId, position) => links.push({ itemId, imageId, position }));
          counts.created++;
          continue;
        }
        if (prior.sourceHash === p.sourceHash) {
          counts.unchanged++;
          continue;
        }
        // A stand-in carries the new state of a changed item until the batch completes.
        const own = priorVersions.get(prior.id) ?? [];
        const latest = (kind: string) => [...own].reverse().find((v) => v.kind === kind);
        const standInId = newId();
        let next = STANDIN_BASE;
        let added = 0;
        for (const kind of ["draft", "revision"] as const) {
          const v = kind === "draft" ? p.line.draft : p.line.revision;
          const c = kind === "draft" ? p.draft : p.revision;
          if (!v || !c) continue;
          if (latest(kind)?.contentHash !== c.hash) {
            versions.push(versionRow(standInId, next++, kind, v, c, batchId, now, true));
            added++;
          }
        }
        items.push({
          id: standInId, externalId: `${standInPrefix(batchId)}${prior.id}`, ...itemFields(p.line, caseId), status: "pending", importBatchId: batchId,
          currentVersionId: null, sourceHash: p.sourceHash, openSlots: 0, round: 1, stagedBatchId: batchId, createdAt: now, updatedAt: now,
        });
        levels.push(...levelRows(standInId, p.line));
        p.imageIds.forEach((imageId, position) => links.push({ itemId: standInId, imageId, position }));
        counts.updated++;
        counts.versionsCreated += added;
        // An estimate until the last transaction, which decides on the item's state at that moment.
        const reviewed = own.some((v) => v.kind === "reviewed" || v.kind === "adjudicated") || prior.status !== "pending";
        if (added > 0 && reviewed) {
          counts.reReview++;
          if (reReviewItems.length < MAX_REPORTED) reReviewItems.push(prior.externalId);
        }
      }
      counts.versionsCreated += versions.length - (versions.filter((v) => v.stagedBatchId !== null).length);
      if (w) {
        await conn.insert(ITEM, items);
        await conn.insert(VERSION, versions);
        await conn.insert(LEVEL, levels);
        await conn.insertIgnore(ITEM_IMAGE, links, ["itemId", "imageId"]);
        await indexImportChunk(conn, items, versions);
        if (last || Date.now() - txStartedAt! >= WRITE_PACE[conn.provider].txMs) await endTx(pending[pending.length - 1].lineNo);
      } else if (write) await beatAlone(pending[pending.length - 1].lineNo);
      pending = [];
    };

    // Lines are prepared (parsed, validated, hashed) in batches, on a worker thread for large files, a few batches
    // ahead of the writes; results are handled strictly in file order.
    const handle = async (results: BatchResult) => {
      for (const r of results) {
        if (!r) continue;
        counts.lines++;
        if (!r.ok) {
          counts.invalid++;
          r.errors.forEach(addError);
          continue;
        }
        const { line, lineNo } = r.value;
        const first = seen.get(line.externalId);
        if (first !== undefined) {
          counts.invalid++;
          addError({ line: lineNo, path: "externalId", message: `duplicate externalId ${line.externalId}: first seen on line ${first}` });
          continue;
        }
        seen.set(line.externalId, lineNo);
        const imageIds: string[] = [];
        let missing = false;
        line.images.forEach((ref, i) => {
          if (isPacsRef(ref)) {
            const r = pull?.resolved.get(requestKey(ref));
            const ids = r?.ok ? r.instanceUids.map((u) => index.byPacs.get(`${r.endpointId}|${u}`)).filter((x): x is string => !!x) : [];
            if (!r || !r.ok || ids.length === 0) {
              missing = true;
              const why = !r ? "was not looked up" : !r.ok ? r.message : `none of its ${r.instanceUids.length} instances could be imported (see the refused images)`;
              addError({ line: lineNo, path: `images[${i}]`, message: `PACS ${ref.pacs} study ${ref.studyInstanceUid}: ${why}` });
            } else for (const id of ids) if (!imageIds.includes(id)) imageIds.push(id);
            return;
          }
          const id = "path" in ref && ref.path ? index.byPath.get(ref.path) : "instanceUid" in ref ? (index.bySop.get(ref.instanceUid) ?? index.bySop.get(uidMap(ref.instanceUid))) : undefined;
          if (!id) {
            missing = true;
            const what = "path" in ref && ref.path ? ref.path : `instance ${(ref as { instanceUid: string }).instanceUid}`;
            addError({ line: lineNo, path: `images[${i}]`, message: `no image ${what} in this import's image folder or an earlier import` });
          } else if (!imageIds.includes(id)) imageIds.push(id);
        });
        if (missing) {
          counts.invalid++;
          continue;
        }
        counts.valid++;
        pending.push({ ...r.value, imageIds });
        if (pending.length >= WRITE_PACE[conn.provider].chunk) await flush();
      }
    };
    for await (const batch of preparedBatches(opts.itemsFile, { useWorker: file.lines >= 5000, batchSize: LINES_PER_BATCH, defaults })) {
      await handle(batch.results);
      progress({ phase: "items", done: batch.lastLine, total: file.lines });
    }
    await flush(true);
    progress({ phase: "items", done: file.lines, total: file.lines });

    const refused = scan?.refused ?? [];
    const giveUp = async (status: ImportStatus) => {
      await abandon();
      return report(status, null, refused);
    };
    const abandon = async () => {
      if (!batchStarted) return;
      await discardBatch(conn, batchId, store);
      await conn.begin();
      await conn.run(`DELETE FROM "ImportBatch" WHERE "id" = ?`, [batchId]);
      await conn.commit();
      batchStarted = false;
    };
    if ((errorsTotal > 0 && !opts.skipInvalid) || pull?.stoppedBy) return await giveUp("refused");
    if (opts.dryRun) return report("dry_run", null, refused);
    if (counts.created + counts.updated + counts.images.newRows + counts.landmarks === 0) {
      return await giveUp(counts.lines === 0 && !scan ? "empty" : "no_changes");
    }

    progress({ phase: "saving", done: 0, total: 1 });
    const outcome = await completeBatch(conn, {
      batchId, actorId: opts.actorId, now, newLandmarks, store,
      batchAudit: () => ({ file: fileName, sha256: file.sha256, policy: opts.policy, counts }),
      stored: (final) => ({ errors: errors.slice(0, 200), errorsTotal, refusedImages: refused.slice(0, 200), reReviewItems: final.slice(0, 200), defaults }),
      counts,
    });
    finished = true;
    // SQLite plans queries from ANALYZE's statistics: refreshed after each batch (on a sample), or Next item and
    // assign read every item through the wrong index at SpineMed scale. PostgreSQL's autovacuum does this itself.
    // One table at a time (each its own short write), with the server's writers let in between.
    if (conn.provider === "sqlite") {
      await conn.all("PRAGMA analysis_limit = 1000");
      for (const table of ANALYZED_TABLES) {
        const startedAt = Date.now();
        await conn.run(`ANALYZE "${table}"`);
        await yieldLockAfter(conn, startedAt);
      }
    }
    reReviewItems = outcome.reReviewItems.slice(0, MAX_REPORTED);
    counts.images.stored = outcome.filesAdded;
    progress({ phase: "saving", done: 1, total: 1 });
    return report("completed", batchId, refused);
  } catch (e) {
    // Whatever this batch wrote is removed; if even that fails, the next import removes it (the batch is running
    // with a dead owner by then).
    if (batchStarted && !finished) {
      await conn.rollback().catch(() => {});
      await discardBatch(conn, batchId, store)
        .then(async () => {
          await conn.begin();
          await conn.run(`DELETE FROM "ImportBatch" WHERE "id" = ?`, [batchId]);
          await conn.commit();
        })
        .catch(() => {});
    }
    throw e;
  } finally {
    await conn.close();
  }
}

async function versionsOf(tx: BulkTx, itemIds: string[]) {
  const out = new Map<string, { id: string; number: number; kind: string; contentHash: string }[]>();
  for (let i = 0; i < itemIds.length; i += 500) {
    const part = itemIds.slice(i, i + 500);
    const rows = await tx.all<{ id: string; itemId: string; number: number; kind: string; contentHash: string }>(
      `SELECT "id", "itemId", "number", "kind", "contentHash" FROM "ItemVersion" WHERE "itemId" IN (${placeholders(part.length)}) AND "stagedBatchId" IS NULL ORDER BY "itemId", "number"`,
      part,
    );
    for (const r of rows) {
      const list = out.get(r.itemId) ?? [];
      list.push({ ...r, number: Number(r.number) });
      out.set(r.itemId, list);
    }
  }
  return out;
}

/** Landmark rows not already stored (a re-import of the same folder is a no-op). */
async function unknownLandmarks(tx: BulkTx, rows: Row[]): Promise<Row[]> {
  const known = new Set<string>();
  const imageIds = [...new Set(rows.map((r) => r.imageId as string))];
  for (let i = 0; i < imageIds.length; i += 500) {
    const part = imageIds.slice(i, i + 500);
    const found = await tx.all<{ imageId: string; level: string; frame: number }>(
      `SELECT "imageId", "level", "frame" FROM "ImageLandmark" WHERE "imageId" IN (${placeholders(part.length)})`,
      part,
    );
    for (const r of found) known.add(`${r.imageId}|${r.level}|${Number(r.frame)}`);
  }
  const unique = new Map<string, Row>();
  for (const r of rows) {
    const key = `${r.imageId}|${r.level}|${r.frame}`;
    if (!known.has(key) && !unique.has(key)) unique.set(key, r);
  }
  return [...unique.values()];
}

/**
 * The last, short transaction: applies the stand-ins of changed items set-based (metadata, current version,
 * levels, image links, new versions renumbered after the item's own), gives reviewed items whose text changed a
 * new round, makes new items visible, writes landmarks, marks the batch completed and audits it. The staged image
 * files move into the store just before the commit (taken back if the commit fails).
 */
async function completeBatch(
  tx: BulkTx,
  a: {
    batchId: string;
    actorId: string | null;
    now: Date;
    newLandmarks: Row[];
    store: ReturnType<typeof imageStore>;
    batchAudit: () => unknown;
    stored: (reReviewItems: string[]) => unknown;
    counts: ImportCounts;
  },
): Promise<{ reReviewItems: string[]; filesAdded: number }> {
  const prefix = standInPrefix(a.batchId);
  const L = prefix.length;
  const isStandIn = (alias: string) => `${alias}."stagedBatchId" = ? AND substr(${alias}."externalId", 1, ${L}) = ?`;
  const standIns = `(SELECT s."id" FROM "Item" s WHERE ${isStandIn("s")})`;
  const itemOf = (alias: string) => `(SELECT substr(s."externalId", ${L + 1}) FROM "Item" s WHERE s."id" = ${alias}."itemId")`;
  const sp = [a.batchId, prefix];
  const reviewable = REVIEWABLE_STATUSES.map((s) => `'${s}'`).join(",");
  const statusParam = tx.provider === "postgres" ? `?::"ItemStatus"` : "?";
  const audit: { prev?: string } = {};
  let added: string[] = [];

  await tx.begin();
  try {
    // Reviewed items that get new text, judged on their state now.
    const reopen = await tx.all<{ id: string; externalId: string; status: ItemStatus }>(
      `SELECT r."id", r."externalId", r."status" FROM "Item" s JOIN "Item" r ON r."id" = substr(s."externalId", ${L + 1})
       WHERE ${isStandIn("s")} AND EXISTS (SELECT 1 FROM "ItemVersion" v WHERE v."itemId" = s."id")
         AND (r."status" <> 'pending' OR EXISTS (SELECT 1 FROM "ItemVersion" v WHERE v."itemId" = r."id" AND v."kind" IN ('reviewed', 'adjudicated')))
       ORDER BY r."externalId"`,
      sp,
    );
    // Metadata and the current version; review slots follow a changed number of required reviews while the item
    // takes reviews.
    await tx.run(
      `UPDATE "Item" AS r SET "language" = s."language", "modality" = s."modality", "subfield" = s."subfield",
         "requiredReviews" = s."requiredReviews", "caseId" = s."caseId", "sourceType" = s."sourceType",
         "sourceReference" = s."sourceReference", "licence" = s."licence", "sourceHash" = s."sourceHash", "updatedAt" = ?,
         "currentVersionId" = COALESCE((SELECT v."id" FROM "ItemVersion" v WHERE v."itemId" = s."id" ORDER BY v."number" DESC LIMIT 1), r."currentVersionId"),
         "openSlots" = CASE WHEN r."status" IN (${reviewable}) THEN
             CASE WHEN r."openSlots" + s."requiredReviews" - r."requiredReviews" > 0 THEN r."openSlots" + s."requiredReviews" - r."requiredReviews" ELSE 0 END
           ELSE r."openSlots" END
       FROM "Item" AS s WHERE ${isStandIn("s")} AND r."id" = substr(s."externalId", ${L + 1})`,
      [a.now, ...sp],
    );
    for (const table of ["ItemLevel", "ItemImage"]) {
      await tx.run(`DELETE FROM "${table}" WHERE "itemId" IN (SELECT substr(s."externalId", ${L + 1}) FROM "Item" s WHERE ${isStandIn("s")})`, sp);
      await tx.run(`UPDATE "${table}" SET "itemId" = ${itemOf(`"${table}"`)} WHERE "itemId" IN ${standIns}`, sp);
    }
    // New versions: first numbered after the item's own (still under the stand-in), then moved to the item.
    await tx.run(
      `UPDATE "ItemVersion" SET "number" = "number" - (${STANDIN_BASE}) + 1 + (SELECT COALESCE(MAX(o."number"), 0) FROM "ItemVersion" o WHERE o."itemId" = ${itemOf(`"ItemVersion"`)})
       WHERE "itemId" IN ${standIns}`,
      sp,
    );
    await tx.run(`UPDATE "ItemVersion" SET "itemId" = ${itemOf(`"ItemVersion"`)}, "stagedBatchId" = NULL WHERE "itemId" IN ${standIns}`, sp);
    // Reviewed items with new text: a new round on it (lib/review/lifecycle decides the status).
    const byTarget = new Map<ItemStatus, string[]>();
    for (const r of reopen) {
      const to = transition(r.status, "reimported");
      byTarget.set(to, [...(byTarget.get(to) ?? []), r.id]);
    }
    for (const [to, ids] of byTarget) {
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        await tx.run(`UPDATE "Item" SET "status" = ${statusParam}, "round" = "round" + 1, "openSlots" = "requiredReviews" WHERE "id" IN (${placeholders(part.length)})`, [to, ...part]);
      }
    }
    await applyStandInTexts(tx, standIns, itemOf, sp);
    await recordImport(tx, a.batchId, prefix);
    await tx.run(`DELETE FROM "Item" WHERE ${isStandIn('"Item"')}`, sp);
    await tx.run(`UPDATE "Item" SET "stagedBatchId" = NULL WHERE "stagedBatchId" = ?`, [a.batchId]);
    await tx.insertIgnore(LANDMARK, a.newLandmarks, ["imageId", "level", "frame"]);
    for (const r of reopen) {
      await appendAuditRaw(tx, {
        actorId: a.actorId, action: "item.reimported", targetType: "item", targetId: r.id,
        before: { status: r.status }, after: { status: transition(r.status, "reimported"), batchId: a.batchId },
      }, audit);
    }
    a.counts.reReview = reopen.length;
    const reReviewItems = reopen.map((r) => r.externalId);
    await tx.run(`UPDATE "ImportBatch" SET "status" = ${tx.provider === "postgres" ? `?::"JobStatus"` : "?"}, "counts" = ?, "report" = ?, "finishedAt" = ? WHERE "id" = ?`, [
      "completed", JSON.stringify(a.counts), JSON.stringify(a.stored(reReviewItems)), new Date(), a.batchId,
    ]);
    await appendAuditRaw(tx, { actorId: a.actorId, action: "import.batch", targetType: "import", targetId: a.batchId, after: a.batchAudit() }, audit);
    added = await a.store.commitStaged(a.batchId);
    await tx.commit();
    return { reReviewItems, filesAdded: added.length };
  } catch (e) {
    await tx.rollback();
    for (const key of added) await a.store.remove(key).catch(() => {});
    throw e;
  }
}
