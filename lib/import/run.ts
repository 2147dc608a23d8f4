import "server-only";
// An import: items (JSON Lines) and optionally a folder of images, as one batch in one database transaction.
// Invalid lines refuse the whole batch unless skipInvalid; a dry run does everything and rolls back; a crash
// leaves nothing behind (the transaction never commits) and running the same command again completes it.
import { createHash } from "node:crypto";
import { newId } from "@/lib/ids";
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { eventHash, GENESIS_HASH, PG_AUDIT_LOCK } from "@/lib/audit/hash";
import { authSecret } from "@/lib/auth/secret";
import { db, dbConfig } from "@/lib/db/client";
import { deterministicUidMapper } from "@/lib/dicom/phi";
import type { ImportLineError } from "@/lib/items/parse-line";
import type { ImportLine } from "@/lib/items/schema";
import { parseLevel } from "@/lib/levels";
import { imageStore } from "@/lib/storage";
import { beginBulk, JsonText, type BulkTx, type Row } from "./bulk";
import { scanImages, type ImageScan, type PhiPolicy, type RefusedFile } from "./images";
import { readLandmarks } from "./landmarks";
import type { PreparedContent, PreparedLine } from "./prepare-line";
import { preparedBatches, type BatchResult } from "./preparer";
import { AUDIT, BATCH, CASE, IMAGE, ITEM, ITEM_IMAGE, LANDMARK, LEVEL, SERIES, VERSION } from "./tables";

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
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  phase: "reading" | "images" | "items" | "saving";
  done: number;
  total: number;
}

export type ImportStatus = "completed" | "refused" | "dry_run" | "already_imported" | "no_changes";

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

const MAX_REPORTED = 1000;
const CHUNK = 1000;
const LINES_PER_BATCH = 1000;

async function hashAndCount(file: string, onProgress?: (bytes: number) => void) {
  const hash = createHash("sha256");
  let lines = 0;
  let bytes = 0;
  let last = -1;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    hash.update(buf);
    bytes += buf.length;
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lines++;
    last = buf[buf.length - 1];
    onProgress?.(bytes);
  }
  if (bytes > 0 && last !== 10) lines++;
  return { sha256: hash.digest("hex"), lines };
}

function emptyCounts(): ImportCounts {
  return {
    lines: 0, valid: 0, invalid: 0, created: 0, updated: 0, unchanged: 0, versionsCreated: 0, reReview: 0,
    images: { files: 0, accepted: 0, newRows: 0, stored: 0, alreadyStored: 0, stripped: 0, refused: 0 },
    landmarks: 0,
  };
}

interface ImageIndex {
  byPath: Map<string, string>; // relative path (this import or an earlier one) → image id
  bySop: Map<string, string>; // SOP instance UID (original or de-identified) → image id
}

/** Writes the scanned images (new content only), their cases and series; returns how to find them by reference. */
async function writeImages(tx: BulkTx, scan: ImageScan | null, batchId: string, uidMap: (u: string) => string, now: Date, caseIds: Map<string, string>) {
  const existing = await tx.all<{ id: string; sha256: string; originalName: string | null; sopInstanceUid: string | null }>(
    `SELECT "id", "sha256", "originalName", "sopInstanceUid" FROM "Image"`,
  );
  const index: ImageIndex = { byPath: new Map(), bySop: new Map() };
  const bySha = new Map<string, string>();
  for (const r of existing) {
    bySha.set(r.sha256, r.id);
    if (r.originalName) index.byPath.set(r.originalName, r.id);
    if (r.sopInstanceUid) index.bySop.set(r.sopInstanceUid, r.id);
  }
  let newRows = 0;
  if (!scan) return { index, newRows };

  await ensureCases(tx, [...new Set(scan.images.map((i) => i.caseExternalId))], caseIds, now);
  const series = await tx.all<{ id: string; caseId: string; seriesUid: string | null }>(`SELECT "id", "caseId", "seriesUid" FROM "Series"`);
  const seriesIds = new Map(series.map((s) => [`${s.caseId}|${s.seriesUid}`, s.id]));
  const newSeries: Row[] = [];
  const newImages: Row[] = [];
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
      });
      newRows++;
    }
    index.byPath.set(img.relPath, id);
    if (img.originalSopInstanceUid) {
      index.bySop.set(img.originalSopInstanceUid, id);
      index.bySop.set(uidMap(img.originalSopInstanceUid), id);
    }
    if (img.header.sopInstanceUid) index.bySop.set(img.header.sopInstanceUid, id);
  }
  await tx.insert(SERIES, newSeries);
  await tx.insert(IMAGE, newImages);
  return { index, newRows };
}

async function ensureCases(tx: BulkTx, externalIds: string[], caseIds: Map<string, string>, now: Date) {
  const missing = externalIds.filter((e) => !caseIds.has(e));
  if (missing.length === 0) return;
  for (let i = 0; i < missing.length; i += 500) {
    const part = missing.slice(i, i + 500);
    await tx.insertIgnore(CASE, part.map((externalId) => ({ id: newId(), externalId, createdAt: now })), ["externalId"]);
    const rows = await tx.all<{ id: string; externalId: string }>(
      `SELECT "id", "externalId" FROM "Case" WHERE "externalId" IN (${part.map(() => "?").join(",")})`,
      part,
    );
    for (const r of rows) caseIds.set(r.externalId, r.id);
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

function versionRow(itemId: string, number: number, kind: "draft" | "revision", v: NonNullable<ImportLine["revision"]>, c: PreparedContent, batchId: string, now: Date): Row {
  return {
    id: newId(), itemId, number, kind, content: new JsonText(c.text), contentHash: c.hash,
    generatorModel: v.generator.model, generatorVersion: v.generator.modelVersion, promptId: v.generator.promptId,
    promptVersion: v.generator.promptVersion, generationParams: v.generator.params ?? null,
    generatedAt: v.generator.createdAt ? new Date(v.generator.createdAt) : null, authorId: null, basedOnId: null, importBatchId: batchId, createdAt: now,
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

interface Pending extends PreparedLine {
  imageIds: string[];
}

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
  const reReviewItems: string[] = [];

  if (!existsSync(opts.itemsFile)) throw new Error(`The items file ${opts.itemsFile} does not exist.`);
  if (opts.imagesDir && !existsSync(opts.imagesDir)) throw new Error(`The image folder ${opts.imagesDir} does not exist.`);
  progress({ phase: "reading", done: 0, total: 1 });
  const file = await hashAndCount(opts.itemsFile);
  const report = (status: ImportStatus, batchId: string | null, refused: RefusedFile[] = [], previousBatch?: ImportReport["previousBatch"]): ImportReport => ({
    status, batchId, file: { name: fileName, sha256: file.sha256, lines: file.lines }, counts, errors, errorsTotal,
    refusedImages: refused, reReviewItems, previousBatch, seconds: (Date.now() - started) / 1000,
  });

  if (!opts.dryRun && !opts.imagesDir) {
    const previous = await db().importBatch.findFirst({ where: { fileSha256: file.sha256, status: "completed" }, orderBy: { startedAt: "desc" } });
    if (previous) {
      counts.lines = file.lines;
      counts.unchanged = (previous.counts as { valid?: number } | null)?.valid ?? 0;
      return report("already_imported", previous.id, [], { id: previous.id, startedAt: previous.startedAt.toISOString() });
    }
  }

  const uidSecret = `${authSecret()}:deidentification`;
  const uidMap = deterministicUidMapper(uidSecret);
  let scan: ImageScan | null = null;
  if (opts.imagesDir) {
    scan = await scanImages(opts.imagesDir, {
      policy: opts.policy, dryRun: opts.dryRun, store: imageStore(), uidSecret,
      onProgress: (done, total) => progress({ phase: "images", done, total }),
    });
    counts.images = {
      files: scan.images.length + scan.refused.length, accepted: scan.images.length, newRows: 0, stored: scan.stored,
      alreadyStored: scan.alreadyStored, stripped: scan.stripped, refused: scan.refused.length,
    };
  }
  const landmarksFile = opts.landmarksFile ?? (opts.imagesDir && existsSync(path.join(opts.imagesDir, "landmarks.jsonl")) ? path.join(opts.imagesDir, "landmarks.jsonl") : undefined);
  const landmarkInput = landmarksFile ? await readLandmarks(landmarksFile) : { landmarks: [], errors: [] };
  landmarkInput.errors.forEach(addError);

  const now = new Date();
  const batchId = newId();
  const tx = await beginBulk(config);
  let committed = false;
  try {
    // The batch row comes first: items and images point at it. It is only visible once everything commits.
    await tx.insert(BATCH, [{ id: batchId, fileName, fileSha256: file.sha256, policy: opts.policy, status: "running", createdById: opts.actorId, counts: null, report: null, startedAt: now, finishedAt: null }]);
    const caseIds = new Map<string, string>();
    const { index, newRows } = await writeImages(tx, scan, batchId, uidMap, now, caseIds);
    counts.images.newRows = newRows;

    // Landmarks: on images of this import or earlier ones; re-importing the same point is ignored.
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
    // Only points not already stored count as new (a re-import of the same folder is a no-op).
    const known = new Set<string>();
    const landmarkImages = [...new Set(landmarkRows.map((r) => r.imageId as string))];
    for (let i = 0; i < landmarkImages.length; i += 500) {
      const part = landmarkImages.slice(i, i + 500);
      const rows = await tx.all<{ imageId: string; level: string; frame: number }>(
        `SELECT "imageId", "level", "frame" FROM "ImageLandmark" WHERE "imageId" IN (${part.map(() => "?").join(",")})`,
        part,
      );
      for (const r of rows) known.add(`${r.imageId}|${r.level}|${Number(r.frame)}`);
    }
    const newLandmarks = landmarkRows.filter((r) => !known.has(`${r.imageId}|${r.level}|${r.frame}`));
    await tx.insertIgnore(LANDMARK, newLandmarks, ["imageId", "level", "frame"]);
    counts.landmarks = newLandmarks.length;

    const seen = new Map<string, number>();
    const audit: { prev?: string } = {};
    let pending: Pending[] = [];

    const flush = async () => {
      if (pending.length === 0) return;
      const ids = pending.map((p) => p.line.externalId);
      const existing = await tx.all<{ id: string; externalId: string; sourceHash: string | null; status: string }>(
        `SELECT "id", "externalId", "sourceHash", "status" FROM "Item" WHERE "externalId" IN (${ids.map(() => "?").join(",")})`,
        ids,
      );
      const byExt = new Map(existing.map((e) => [e.externalId, e]));
      await ensureCases(tx, [...new Set(pending.map((p) => p.line.provenance.caseId).filter((c): c is string => !!c))], caseIds, now);
      const items: Row[] = [];
      const versions: Row[] = [];
      const levels: Row[] = [];
      const links: Row[] = [];
      for (const p of pending) {
        const caseId = p.line.provenance.caseId ? caseIds.get(p.line.provenance.caseId)! : null;
        const prior = byExt.get(p.line.externalId);
        if (!prior) {
          const itemId = newId();
          const draft = versionRow(itemId, 1, "draft", p.line.draft, p.draft, batchId, now);
          versions.push(draft);
          let current = draft.id;
          if (p.line.revision) {
            const rev = versionRow(itemId, 2, "revision", p.line.revision, p.revision!, batchId, now);
            versions.push(rev);
            current = rev.id;
          }
          items.push({ id: itemId, externalId: p.line.externalId, ...itemFields(p.line, caseId), status: "pending", importBatchId: batchId, currentVersionId: current, sourceHash: p.sourceHash, openSlots: p.line.requiredReviews, createdAt: now, updatedAt: now });
          levels.push(...levelRows(itemId, p.line));
          p.imageIds.forEach((imageId, position) => links.push({ itemId, imageId, position }));
          counts.created++;
          continue;
        }
        if (prior.sourceHash === p.sourceHash) {
          counts.unchanged++;
          continue;
        }
        await updateItem(tx, prior, p, caseId, batchId, now, counts, reReviewItems, opts.actorId, audit);
      }
      await tx.insert(ITEM, items);
      await tx.insert(VERSION, versions);
      counts.versionsCreated += versions.length;
      await tx.insert(LEVEL, levels);
      await tx.insertIgnore(ITEM_IMAGE, links, ["itemId", "imageId"]);
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
        if (pending.length >= CHUNK) await flush();
      }
    };
    for await (const batch of preparedBatches(opts.itemsFile, { useWorker: file.lines >= 5000, batchSize: LINES_PER_BATCH })) {
      await handle(batch.results);
      progress({ phase: "items", done: batch.lastLine, total: file.lines });
    }
    await flush();
    progress({ phase: "items", done: file.lines, total: file.lines });

    const refused = scan?.refused ?? [];
    if (errorsTotal > 0 && !opts.skipInvalid) {
      await tx.rollback();
      return report("refused", null, refused);
    }
    if (opts.dryRun) {
      await tx.rollback();
      return report("dry_run", null, refused);
    }
    if (counts.created + counts.updated + counts.images.newRows + counts.landmarks === 0) {
      await tx.rollback();
      return report("no_changes", null, refused);
    }
    progress({ phase: "saving", done: 0, total: 1 });
    const stored = { errors: errors.slice(0, 200), errorsTotal, refusedImages: refused.slice(0, 200), reReviewItems: reReviewItems.slice(0, 200) };
    await tx.run(`UPDATE "ImportBatch" SET "status" = ?, "counts" = ?, "report" = ?, "finishedAt" = ? WHERE "id" = ?`, [
      "completed", JSON.stringify(counts), JSON.stringify(stored), new Date(), batchId,
    ]);
    await appendAuditRaw(tx, { actorId: opts.actorId, action: "import.batch", targetType: "import", targetId: batchId, after: { file: fileName, sha256: file.sha256, policy: opts.policy, counts } }, audit);
    await tx.commit();
    committed = true;
    progress({ phase: "saving", done: 1, total: 1 });
    return report("completed", batchId, refused);
  } finally {
    if (!committed) await tx.rollback().catch(() => {});
  }
}

/** A changed line for an existing item: new versions where the content changed, metadata refreshed. */
async function updateItem(
  tx: BulkTx,
  prior: { id: string; externalId: string; status: string },
  p: Pending,
  caseId: string | null,
  batchId: string,
  now: Date,
  counts: ImportCounts,
  reReviewItems: string[],
  actorId: string | null,
  audit: { prev?: string },
) {
  const versions = await tx.all<{ id: string; number: number; kind: string; contentHash: string }>(
    `SELECT "id", "number", "kind", "contentHash" FROM "ItemVersion" WHERE "itemId" = ? ORDER BY "number"`,
    [prior.id],
  );
  let next = Math.max(0, ...versions.map((v) => Number(v.number))) + 1;
  const latest = (kind: string) => [...versions].reverse().find((v) => v.kind === kind);
  const added: Row[] = [];
  for (const kind of ["draft", "revision"] as const) {
    const v = kind === "draft" ? p.line.draft : p.line.revision;
    const c = kind === "draft" ? p.draft : p.revision;
    if (!v || !c) continue;
    if (latest(kind)?.contentHash !== c.hash) added.push(versionRow(prior.id, next++, kind, v, c, batchId, now));
  }
  await tx.insert(VERSION, added);
  counts.versionsCreated += added.length;
  const reviewed = versions.some((v) => v.kind === "reviewed" || v.kind === "adjudicated") || prior.status !== "pending";
  const f = itemFields(p.line, caseId);
  const sets: [string, unknown][] = [
    ["language", f.language], ["modality", f.modality], ["subfield", f.subfield], ["requiredReviews", f.requiredReviews], ["caseId", f.caseId],
    ["sourceType", f.sourceType], ["sourceReference", f.sourceReference], ["licence", f.licence], ["sourceHash", p.sourceHash], ["updatedAt", now],
  ];
  if (added.length > 0) {
    // New LLM text replaces what reviewers see; an item already reviewed goes back to the queue, its reviews kept.
    sets.push(["currentVersionId", added[added.length - 1].id as string]);
    if (reviewed) sets.push(["status", "pending"]);
  }
  await tx.run(
    `UPDATE "Item" SET ${sets.map(([c]) => `"${c}" = ${c === "status" && tx.provider === "postgres" ? `?::"ItemStatus"` : "?"}`).join(", ")} WHERE "id" = ?`,
    [...sets.map(([, v]) => v), prior.id],
  );
  if (added.length > 0 && reviewed) {
    // A new review round on the new text (lib/review/lifecycle "reimported"): every slot open again.
    await tx.run(`UPDATE "Item" SET "round" = "round" + 1, "openSlots" = "requiredReviews", "finalDecision" = NULL, "sendBackNote" = NULL WHERE "id" = ?`, [prior.id]);
  }
  await tx.run(`DELETE FROM "ItemLevel" WHERE "itemId" = ?`, [prior.id]);
  await tx.insert(LEVEL, levelRows(prior.id, p.line));
  await tx.run(`DELETE FROM "ItemImage" WHERE "itemId" = ?`, [prior.id]);
  await tx.insert(ITEM_IMAGE, p.imageIds.map((imageId, position) => ({ itemId: prior.id, imageId, position })));
  counts.updated++;
  if (added.length > 0 && reviewed) {
    counts.reReview++;
    if (reReviewItems.length < MAX_REPORTED) reReviewItems.push(prior.externalId);
    await appendAuditRaw(tx, {
      actorId, action: "item.reimported", targetType: "item", targetId: prior.id,
      before: { status: prior.status }, after: { status: "pending", newVersions: added.map((v) => v.number), batchId },
    }, audit);
  }
}
