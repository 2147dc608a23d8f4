import "server-only";
// The image half of an import: walk a folder, read each DICOM/PNG/JPEG file, pass DICOM through the
// de-identification gate, stage accepted files by content hash in the batch's staging area of the image store
// (moved into the store only when the batch commits). Nothing here touches the database.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { DicomParseError, isDicom, parseDicom, type DicomHeader } from "@/lib/dicom/parse";
import { applyPhiGate, describeFinding, deterministicUidMapper, PROFILE_EDITION, type Deidentification, type PhiFinding } from "@/lib/dicom/phi";
import { authSecret } from "@/lib/auth/secret";
import { sha256, type ImageStore } from "@/lib/storage";
import { rasterInfo } from "./raster";
import { sequenceOf, viewOf } from "./series-info";

export type PhiPolicy = "refuse" | "strip";

/**
 * The key of the deterministic UID replacement: the same original UID becomes the same new UID in every import
 * and in proxy mode's de-identification on the fly, so a proxied file is byte-identical to what the import checked.
 */
export const deidentificationSecret = () => `${authSecret()}:deidentification`;

export interface ScannedImage {
  relPath: string;
  caseExternalId: string;
  seriesKey: string;
  seriesModality: string;
  sequence: string | null;
  view: string | null;
  seriesDescription: string | null;
  seriesNumber: number | null;
  format: "dicom" | "png" | "jpeg";
  sha256: string;
  size: number;
  originalSopInstanceUid: string | null;
  header: Partial<DicomHeader> & { rows: number | null; columns: number | null; frames: number };
  deidentification: Deidentification | null;
  /** Pulled from a PACS: where it lives there (and whether it stays there, in proxy mode). */
  pacs?: { endpointId: string; studyUid: string; seriesUid: string; instanceUid: string; proxied: boolean };
}

/** The record of one DICOM file that passed the gate (from a folder or from a PACS). */
export function scannedDicom(
  relPath: string,
  caseExternalId: string,
  checked: { clean: Uint8Array; header: { sopInstanceUid?: string | null }; cleanHeader: DicomHeader; deidentification: Deidentification | null },
  sha256: string,
): ScannedImage {
  const h = checked.cleanHeader;
  return {
    relPath,
    caseExternalId,
    seriesKey: h.seriesInstanceUid,
    seriesModality: h.modality ?? "OT",
    sequence: sequenceOf(h),
    view: viewOf(h),
    seriesDescription: h.seriesDescription,
    seriesNumber: h.seriesNumber,
    format: "dicom",
    sha256,
    size: checked.clean.length,
    originalSopInstanceUid: checked.header.sopInstanceUid || null,
    header: h,
    deidentification: checked.deidentification,
  };
}

export interface RefusedFile {
  path: string;
  reason: string;
  tags?: string[];
}

export interface ImageScan {
  images: ScannedImage[];
  refused: RefusedFile[];
  stored: number;
  alreadyStored: number;
  stripped: number;
  ignored: string[];
}

const IGNORED = /(^|\/)(\.|__MACOSX)|\.(txt|json|jsonl|md|csv)$/i;

export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string) {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) out.push(path.relative(root, full).split(path.sep).join("/"));
    }
  }
  await walk(root);
  return out;
}

/** The case a file belongs to: its top-level folder (files at the top belong to a case named after the folder). */
export function caseOf(relPath: string, root: string): string {
  const i = relPath.indexOf("/");
  return i > 0 ? relPath.slice(0, i) : path.basename(path.resolve(root));
}

function describeFindings(findings: PhiFinding[]): string[] {
  const named = findings.filter((f) => f.kind !== "private").map(describeFinding);
  const groups = findings.filter((f) => f.kind === "private").map((f) => f.tag.slice(1, 5));
  return groups.length ? [...named, `private elements (groups ${[...new Set(groups)].join(", ")})`] : named;
}

export type GatedDicom =
  | { ok: true; clean: Buffer; header: DicomHeader; cleanHeader: DicomHeader; stripped: boolean; deidentification: Deidentification | null }
  | { ok: false; reason: string; tags?: string[] };

/**
 * The de-identification gate for one DICOM file, wherever it came from (an upload folder or a PACS): it must be
 * DICOM with pixel data, and pass applyPhiGate under the policy (refused with the tags named, or stripped).
 */
export function gateDicom(buf: Buffer, policy: PhiPolicy, uidMap: (uid: string) => string): GatedDicom {
  if (!isDicom(buf)) return { ok: false, reason: "not a DICOM, PNG or JPEG file" };
  let header: DicomHeader;
  try {
    header = parseDicom(buf);
  } catch (e) {
    return { ok: false, reason: e instanceof DicomParseError ? e.message : "unreadable DICOM file" };
  }
  if (!header.hasPixelData) return { ok: false, reason: "the DICOM file has no pixel data" };
  const gate = applyPhiGate(buf, policy, { uidMap });
  if (!gate.accepted) {
    const tags = describeFindings(gate.findings.filter((f) => policy === "refuse" || !f.strippable));
    return {
      ok: false,
      reason:
        policy === "refuse"
          ? `patient-identifying content under ${PROFILE_EDITION} Table E.1-1: ${tags.join(", ")} (the strip policy would remove them)`
          : `cannot be de-identified under ${PROFILE_EDITION} Table E.1-1: ${tags.join(", ")}`,
      tags,
    };
  }
  const clean = gate.buffer;
  const stripped = gate.removed.length > 0 || clean !== buf;
  return { ok: true, clean, header, cleanHeader: stripped ? parseDicom(clean) : header, stripped, deidentification: stripped ? gate.deidentification : null };
}

export async function scanImages(
  root: string,
  opts: { policy: PhiPolicy; dryRun: boolean; store: ImageStore; batchId: string | null; uidSecret: string; onProgress?: (done: number, total: number) => void },
): Promise<ImageScan> {
  const keep = async (content: Buffer) =>
    opts.dryRun || !opts.batchId ? { sha256: sha256(content), created: false } : await opts.store.stage(opts.batchId, content);
  const files = await listFiles(root);
  const uidMap = deterministicUidMapper(opts.uidSecret);
  const scan: ImageScan = { images: [], refused: [], stored: 0, alreadyStored: 0, stripped: 0, ignored: [] };
  let done = 0;
  for (const rel of files) {
    opts.onProgress?.(done++, files.length);
    if (IGNORED.test(rel)) {
      scan.ignored.push(rel);
      continue;
    }
    const buf = await readFile(path.join(root, rel));
    const caseExternalId = caseOf(rel, root);
    const raster = rasterInfo(buf);
    if (raster) {
      const dir = rel.includes("/") ? rel.slice(0, rel.lastIndexOf("/")) : "";
      const stored = await keep(buf);
      if (!opts.dryRun) {
        if (stored.created) scan.stored++;
        else scan.alreadyStored++;
      }
      scan.images.push({
        relPath: rel, caseExternalId, seriesKey: `folder:${dir}`, seriesModality: "XR", sequence: null,
        view: /lat/i.test(rel) ? "lateral" : /\b(ap|pa)\b/i.test(rel) ? "AP" : null, seriesDescription: dir || null, seriesNumber: null,
        format: raster.format, sha256: stored.sha256, size: buf.length, originalSopInstanceUid: null,
        header: { rows: raster.height, columns: raster.width, frames: 1, modality: "XR" }, deidentification: null,
      });
      continue;
    }
    const checked = gateDicom(buf, opts.policy, uidMap);
    if (!checked.ok) {
      scan.refused.push({ path: rel, reason: checked.reason, ...(checked.tags ? { tags: checked.tags } : {}) });
      continue;
    }
    const { clean, stripped } = checked;
    if (stripped) scan.stripped++;
    const stored = await keep(clean);
    if (!opts.dryRun) {
      if (stored.created) scan.stored++;
      else scan.alreadyStored++;
    }
    scan.images.push(scannedDicom(rel, caseExternalId, checked, stored.sha256));
  }
  opts.onProgress?.(files.length, files.length);
  return scan;
}
