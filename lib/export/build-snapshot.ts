import "server-only";
// Building one snapshot. The items matching the definition are read twice in keyset chunks (never all at once):
// first what the splits need, then chunk by chunk the whole items, whose records go straight to the files.
// Everything is written into a temporary folder beside the destination, renamed into place when complete, then
// archived (.tar beside the folder); the ExportSnapshot row turns complete only after that. A failure removes the
// temporary folder and marks the row failed; a killed export is cleaned up by the next one (cleanup.ts).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { authSecret } from "@/lib/auth/secret";
import { db } from "@/lib/db/client";
import { ConflictError, ValidationError } from "@/lib/errors";
import type { TaskType } from "@/lib/items/content";
import { imageFile } from "@/lib/images/queries";
import { datasetCard, datasetInfo } from "./card";
import { cleanUpLeftovers } from "./cleanup";
import { dataDefinition, type ExportDefinition } from "./definition";
import { finalState, rejectionReason } from "./final-state";
import { countTag, IMAGE_TAG, ktoRecord, preferenceRecord, sftRecord, conversation, type Content, type ExportableItem } from "./formats";
import { groundingRecord } from "./grounding";
import { defaultRenderer, isUndecodable, defaultDicomExporter, writeDicom, writeImage, type DicomExporter, type Renderer } from "./image-writer";
import { belongs, itemCondition, ItemReader, type LoadedImage, type LoadedItem } from "./item-query";
import { hashFiles, MANIFEST, manifestFileText, sortedCounts, type Manifest } from "./manifest";
import { SnapshotOutputs } from "./outputs";
import { pseudonym, snapshotSalt } from "./pseudonym";
import { evalRecord, nativeRecord, type NativeItem, type NativeReview, type NativeVersion } from "./records";
import { SplitPlanner, SPLITS, type Split } from "./splits";
import { tarPlan, writeTar } from "./tar";
import { APP_NAME, appVersion } from "./version";

export interface BuildProgress {
  phase: "select" | "write" | "archive";
  done: number;
  total: number;
}

export interface BuildOptions {
  definition: ExportDefinition;
  /** The snapshot folder to create (it must not exist yet: snapshots are immutable). */
  out: string;
  creator: { id: string; label: string } | null;
  jobId?: string;
  renderer?: Renderer;
  dicomExporter?: DicomExporter;
  /** The server secret the pseudonym salt derives from (EXPORT_SECRET, else the session secret). */
  secret?: string;
  onProgress?: (p: BuildProgress) => void;
  /** Items read per chunk (default 1000). */
  chunk?: number;
  /** A pause between chunks, to spare a database in service (default none). */
  pauseMs?: number;
  /** Also write the archive as <out>.tar (default: it is streamed from the folder on download). */
  archive?: boolean;
}

export interface BuildResult {
  snapshotId: string;
  folder: string;
  /** The written .tar, when asked for. */
  archive: string | null;
  /** The archive's size, written or streamed. */
  archiveBytes: number;
  manifest: Manifest;
}

export class NoMatchingItemsError extends ValidationError {}

/** Where a building snapshot lives until it is complete; the pid lets the next run see a dead builder's leftovers. */
export function buildingFolder(out: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.building-${process.pid}-${randomBytes(4).toString("hex")}`);
}

function exportSecret(explicit?: string): string {
  return explicit ?? process.env.EXPORT_SECRET ?? authSecret();
}

const increment = (m: Map<string, number>, k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n);

export async function buildSnapshot(opts: BuildOptions): Promise<BuildResult> {
  const def = opts.definition;
  const out = path.resolve(opts.out);
  const name = def.name ?? path.basename(out);
  const renderer = opts.renderer ?? defaultRenderer;
  const dicomExporter = opts.dicomExporter ?? defaultDicomExporter;
  const progress = opts.onProgress ?? (() => {});
  const chunk = opts.chunk ?? 1000;

  await cleanUpLeftovers(path.dirname(out));
  if (existsSync(out) && readdirSync(out).length > 0) throw new ConflictError(`${out} already exists: a snapshot is immutable, choose another folder or name`);
  if (existsSync(`${out}.tar`)) throw new ConflictError(`${out}.tar already exists: a snapshot is immutable, choose another folder or name`);

  // Pass 1: the items and their groups, for the splits.
  const wantsKto = def.formats.includes("kto");
  const cond = itemCondition(def.filters, wantsKto);
  const reader = await ItemReader.open();
  try {
    return await build(opts, def, out, name, renderer, dicomExporter, progress, chunk, wantsKto, cond, reader);
  } finally {
    await reader.close();
  }
}

async function build(
  opts: BuildOptions,
  def: ExportDefinition,
  out: string,
  name: string,
  renderer: Renderer,
  dicomExporter: DicomExporter,
  progress: (p: BuildProgress) => void,
  chunk: number,
  wantsKto: boolean,
  cond: { sql: string; params: unknown[] },
  reader: ItemReader,
): Promise<BuildResult> {
  const total = await reader.count(cond);
  progress({ phase: "select", done: 0, total });
  const { ids, splits } = await planSplits(reader, cond, def, wantsKto, total, progress);

  const tmp = buildingFolder(out);
  mkdirSync(tmp, { recursive: true });
  const row = await db().exportSnapshot.create({
    data: {
      name,
      formats: def.formats,
      filters: def.filters as object,
      counts: {},
      manifest: { building: { pid: process.pid, tmp, out } },
      location: out,
      createdById: opts.creator?.id ?? null,
      status: "building",
      jobId: opts.jobId ?? null,
    },
    select: { id: true },
  });

  const outputs = new SnapshotOutputs(tmp, def.parquet);
  try {
    const salt = snapshotSalt(exportSecret(opts.secret), dataDefinition(def));
    const aliases = new Map<string, string>();
    const alias = (userId: string) => {
      let a = aliases.get(userId);
      if (!a) aliases.set(userId, (a = pseudonym(salt, userId)));
      return a;
    };
    const written = new Map<string, { path: string; width: number; height: number } | { error: string }>();
    const dicomWritten = new Map<string, string>();
    const counts = { taskType: new Map<string, number>(), level: new Map<string, number>(), modality: new Map<string, number>(), split: new Map<string, number>() };
    let positives = 0;
    let negatives = 0;
    let skippedItems = 0;
    const skipped: { image: string; reason: string }[] = [];
    let newest: Date | null = null;
    const licences = new Set<string>();
    const languages = new Set<string>();

    const imagePath = async (img: LoadedImage): Promise<{ path: string; width: number; height: number } | { error: string }> => {
      // Without image files, a record still names each image by the path it would have (nothing to remember).
      if (!def.images) return { path: `images/${img.sha256}.png`, width: img.columns ?? 0, height: img.rows ?? 0 };
      const known = written.get(img.id);
      if (known) return known;
      const label = img.originalName ?? `image ${img.sha256.slice(0, 12)}`;
      let result: { path: string; width: number; height: number } | { error: string };
      try {
        // Stored or proxied (kept in a PACS): read the way the image route reads it. The storage and PACS modules
        // (with the DICOM toolkit they de-identify with) are loaded only for exports that write images.
        const file = await imageFile(img.id);
        if (!file) throw new Error(`${label}: the image is no longer in the database`);
        const { readImageFile } = await import("@/lib/storage/image-file");
        const bytes = await readImageFile(file);
        const window = img.windowCenter !== null && img.windowWidth !== null ? { center: img.windowCenter, width: img.windowWidth } : null;
        result = await writeImage(tmp, { format: img.format, bytes, window, name: label }, renderer, def.maxSide);
        if (def.includeDicom && img.format === "dicom" && !dicomWritten.has(img.id)) {
          // The PHI gate (and its DICOM toolkit) is loaded only for exports that include the original files.
          const { checkDeidentified } = await import("@/lib/dicom/phi");
          dicomWritten.set(img.id, await writeDicom(tmp, bytes, label, dicomExporter, checkDeidentified));
        }
      } catch (e) {
        if (!isUndecodable(e)) throw e;
        if (!def.skipUndecodable) throw new ValidationError(`${label} cannot be rendered: ${e.message}. Nothing was exported; fix the image, or export with "skip undecodable images".`);
        result = { error: e.message };
        skipped.push({ image: label, reason: e.message });
      }
      written.set(img.id, result);
      return result;
    };

    let done = 0;
    for (let i = 0; i < ids.length; i += chunk) {
      const chunkIds = ids.slice(i, i + chunk);
      const splitOf = new Map(chunkIds.map((id, k) => [id, SPLITS[splits[i + k]]]));
      const items = await reader.items(chunkIds, { history: def.formats.includes("native") });
      const images = await reader.images([...new Set(items.flatMap((it) => it.images.map((im) => im.imageId)))].sort(), def.formats.includes("grounding"));
      for (const item of items) {
        const kind = belongs(item, def.filters, wantsKto);
        if (!kind) continue;
        const split = splitOf.get(item.id)!;
        const ordered = [...item.images].sort((a, b) => a.position - b.position);
        const paths: string[] = [];
        const placed: { path: string; width: number; height: number; image: LoadedImage }[] = [];
        let broken = false;
        for (const ref of ordered) {
          const img = images.get(ref.imageId);
          const w = img ? await imagePath(img) : { error: "the image row is missing" };
          if ("error" in w) {
            broken = true;
            break;
          }
          paths.push(w.path);
          placed.push({ ...w, image: img! });
        }
        if (broken) {
          skippedItems++;
          continue;
        }
        const state = finalState(item);
        if (state.decidedAt && (!newest || state.decidedAt > newest)) newest = state.decidedAt;
        // The final text is parsed only when a format looks into it (the native record copies it as stored).
        const exportable: ExportableItem = {
          taskType: item.taskType as TaskType,
          language: item.language,
          images: paths,
          get final() {
            return state.final.content as Content;
          },
        };
        writeItem(outputs, def, item, state, split, kind, exportable, placed, alias);

        if (kind === "positive") positives++;
        else negatives++;
        increment(counts.taskType, item.taskType);
        increment(counts.modality, item.modality ?? "none");
        increment(counts.split, split);
        for (const l of state.levelsAfter) increment(counts.level, l.level);
        if (item.licence) licences.add(item.licence);
        languages.add(item.language);
      }
      done += items.length;
      progress({ phase: "write", done, total: ids.length });
      if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
    }
    const writtenHashes = outputs.finish();
    if (positives + negatives === 0) throw new NoMatchingItemsError("Every matching item was left out (its images could not be rendered): nothing was exported.");

    progress({ phase: "archive", done: 0, total: 1 });
    const fileCounts = outputs.counts();
    const createdAt = newest ? newest.toISOString() : null;
    writeFileSync(path.join(tmp, "README.md"), datasetCard({ name, files: Object.keys(fileCounts), counts: fileCounts, items: positives + negatives, languages: [...languages].sort(), licences: [...licences].sort(), parquet: def.parquet, createdAt }));
    writeFileSync(path.join(tmp, "dataset_info.json"), JSON.stringify(datasetInfo({ name, files: Object.keys(fileCounts) }), null, 2) + "\n");
    const manifest: Manifest = {
      manifestVersion: 1,
      name,
      app: { name: APP_NAME, version: appVersion() },
      createdBy: opts.creator?.label ?? null,
      createdAt,
      definition: dataDefinition(def),
      counts: {
        items: positives + negatives,
        positives,
        negatives,
        taskType: sortedCounts(counts.taskType),
        level: sortedCounts(counts.level),
        modality: sortedCounts(counts.modality),
        split: sortedCounts(counts.split),
        files: fileCounts,
        images: { written: [...written.values()].filter((w) => !("error" in w)).length, skippedItems, skipped },
      },
      files: hashFiles(tmp, writtenHashes),
    };
    writeFileSync(path.join(tmp, MANIFEST), manifestFileText(manifest));

    // Into place: the folder (an empty destination folder is replaced), then the archive when asked for.
    if (existsSync(out)) rmSync(out, { recursive: true });
    renameSync(tmp, out);
    const plan = tarPlan(out, name);
    const archiveBytes = plan.bytes;
    let archive: string | null = null;
    if (opts.archive) {
      const tarTmp = `${tmp}.tar`;
      await writeTar(plan, tarTmp);
      renameSync(tarTmp, `${out}.tar`);
      archive = `${out}.tar`;
    }
    await db().exportSnapshot.update({
      where: { id: row.id },
      data: { status: "complete", counts: manifest.counts as object, manifest: manifest as object, archive, archiveBytes, itemCount: manifest.counts.items, completedAt: new Date() },
    });
    progress({ phase: "archive", done: 1, total: 1 });
    return { snapshotId: row.id, folder: out, archive, archiveBytes, manifest };
  } catch (e) {
    outputs.abort();
    rmSync(tmp, { recursive: true, force: true });
    rmSync(`${tmp}.tar`, { force: true });
    await db()
      .exportSnapshot.update({ where: { id: row.id }, data: { status: "failed", error: e instanceof Error ? e.message : String(e) } })
      .catch(() => {});
    throw e;
  }
}

/**
 * Pass 1: the ids in order, with the split of each. Only these are kept between the passes (the planner's groups
 * are garbage once the splits are cut: at 450,000 items that is tens of MB the second pass does not carry).
 */
async function planSplits(reader: ItemReader, cond: { sql: string; params: unknown[] }, def: ExportDefinition, wantsKto: boolean, total: number, progress: (p: BuildProgress) => void) {
  const planner = new SplitPlanner();
  let seen = 0;
  for await (const rows of reader.splitRows(cond)) {
    for (const r of rows) {
      if (belongs(r, def.filters, wantsKto)) planner.add({ id: r.id, caseId: r.caseExternalId, sourceReference: r.sourceReference, taskType: r.taskType });
    }
    seen += rows.length;
    progress({ phase: "select", done: seen, total });
  }
  if (planner.size === 0) {
    throw new NoMatchingItemsError("No approved or adjudicated item matches this definition: nothing was exported (no snapshot was written). Widen the filters, or approve items first.");
  }
  return planner.assign(def.splits, def.seed);
}

/** The records of one item, in every format the definition asks for. */
function writeItem(
  outputs: SnapshotOutputs,
  def: ExportDefinition,
  item: LoadedItem,
  state: ReturnType<typeof finalState<NativeVersion, NativeReview>>,
  split: Split,
  kind: "positive" | "negative",
  exportable: ExportableItem,
  placed: { path: string; width: number; height: number; image: LoadedImage }[],
  alias: (id: string) => string,
) {
  const native: NativeItem = {
    externalId: item.externalId,
    taskType: item.taskType,
    language: item.language,
    modality: item.modality,
    subfield: item.subfield,
    status: item.status,
    finalDecision: item.finalDecision,
    round: item.round,
    sourceType: item.sourceType,
    sourceReference: item.sourceReference,
    licence: item.licence,
    importBatchId: item.importBatchId,
    caseExternalId: item.case?.externalId ?? null,
    versions: item.versions,
    reviews: item.reviews,
  };
  const f = def.formats;
  if (f.includes("native")) outputs.add(`native/${split}`, "native", nativeRecord(native, state, split, exportable.images, alias));
  if (f.includes("kto")) {
    const rec = kind === "positive" ? ktoRecord(exportable, true) : ktoRecord(exportable, false, rejectionReason(state.deciding));
    checkImageTags(rec.messages, rec.images, item.externalId);
    outputs.add(`kto/${split}`, "kto", rec);
  }
  if (kind === "negative") return;
  if (f.includes("sft")) {
    const rec = sftRecord(exportable);
    checkImageTags(rec.messages, rec.images, item.externalId);
    outputs.add(`sft/${split}`, "sft", rec as unknown as Record<string, unknown>);
  }
  if (f.includes("preference") && state.llm) {
    const llm = state.llm.content as Content;
    if (def.preferenceForm === "trl") {
      const rec = preferenceRecord(exportable, llm, "trl");
      if (rec) outputs.add(`preference/${split}`, "preference_trl", rec as unknown as Record<string, unknown>);
    } else {
      const rec = preferenceRecord(exportable, llm, "swift");
      if (rec) outputs.add(`preference/${split}`, "preference_swift", rec as unknown as Record<string, unknown>);
    }
    // LLaMA-Factory's ranking form of the same pair (dataset_info.json points at it).
    const chosen = conversation(exportable.taskType, exportable.final, exportable.language, exportable.images.length);
    const rejected = conversation(exportable.taskType, llm, exportable.language, exportable.images.length);
    if (chosen.answer.content !== rejected.answer.content) {
      outputs.add(`preference_llamafactory/${split}`, "preference_llamafactory", { conversations: chosen.prompt, chosen: chosen.answer, rejected: rejected.answer, images: exportable.images });
    }
  }
  if (f.includes("grounding") && state.placedLevels.length) {
    for (const p of placed) {
      const sx = p.image.columns ? p.width / p.image.columns : 1;
      const sy = p.image.rows ? p.height / p.image.rows : 1;
      const landmarks = p.image.landmarks.filter((l) => l.frame === 0).map((l) => ({ level: l.level, x: l.x * sx, y: l.y * sy }));
      const rec = groundingRecord({ path: p.path, rows: p.height || p.image.rows || 0, columns: p.width || p.image.columns || 0, landmarks }, state.placedLevels, item.language);
      if (!rec) continue;
      const boxes = countTag(rec.messages, "<bbox>");
      if (boxes !== rec.objects.bbox.length || countTag(rec.messages, "<ref-object>") !== rec.objects.ref.length) throw new Error(`grounding record of ${item.externalId}: tags and objects disagree`);
      outputs.add(`grounding/${split}`, "grounding", rec as unknown as Record<string, unknown>);
    }
  }
  if (f.includes("eval") && split === "test") {
    const e = evalRecord(native, exportable.final, state.levelsAfter.map((l) => l.level), exportable.images, state.deciding);
    if (e) outputs.add(`eval/${e.file}`, e.file === "reports" ? "eval_reports" : "eval_mcq", e.record as unknown as Record<string, unknown>);
  }
}

function checkImageTags(messages: { content: string }[], images: string[], id: string) {
  const n = countTag(messages as { role: "user"; content: string }[], IMAGE_TAG);
  if (n !== images.length) throw new Error(`record of ${id}: ${n} ${IMAGE_TAG} tags for ${images.length} images`);
}
