// The snapshot's manifest: its definition, counts (per task type, level, modality, split and file), the sha256 of
// every other file, the app version, who made it and the time of its data. `createdAt` is the time of the newest
// decision among the exported items, not the wall clock, so the same definition on unchanged data writes the same
// manifest bytes; when the export was run is kept in the database (ExportSnapshot.createdAt) and shown on the page.
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import { listFiles } from "./tar";

export const MANIFEST = "manifest.json";
export const MANIFEST_VERSION = 1;

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  manifestVersion: number;
  name: string;
  app: { name: string; version: string };
  createdBy: string | null;
  createdAt: string | null;
  definition: unknown;
  counts: {
    items: number;
    positives: number;
    negatives: number;
    taskType: Record<string, number>;
    level: Record<string, number>;
    modality: Record<string, number>;
    split: Record<string, number>;
    files: Record<string, number>;
    images: { written: number; skippedItems: number; skipped: { image: string; reason: string }[] };
  };
  files: ManifestFile[];
  /** sha256 of this manifest written without this field: an edit of the manifest itself is found too. */
  checksum?: string;
}

const manifestText = (m: Omit<Manifest, "checksum">) => JSON.stringify(m, null, 2);

/** The manifest file's text, with its own checksum last. */
export function manifestFileText(m: Omit<Manifest, "checksum">): string {
  const checksum = createHash("sha256").update(manifestText(m)).digest("hex");
  return JSON.stringify({ ...m, checksum }, null, 2) + "\n";
}

export function sha256File(file: string): { sha256: string; bytes: number } {
  const h = createHash("sha256");
  const fd = openSync(file, "r");
  const buf = Buffer.alloc(1 << 20);
  let bytes = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      h.update(buf.subarray(0, n));
      bytes += n;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: h.digest("hex"), bytes };
}

/** The hash of every file of the folder except the manifest itself (those already hashed while written are taken as given). */
export function hashFiles(root: string, known: Map<string, { sha256: string; bytes: number }> = new Map()): ManifestFile[] {
  return listFiles(root)
    .filter((f) => f !== MANIFEST)
    .map((f) => ({ path: f, ...(known.get(f) ?? sha256File(path.join(root, f))) }));
}

export const sortedCounts = (m: Map<string, number>) => Object.fromEntries([...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));

export interface VerifyResult {
  ok: boolean;
  files: number;
  problems: { path: string; problem: "changed" | "missing" | "unexpected" }[];
}

/** Recomputes every hash of a snapshot folder against its manifest; names each changed, missing or added file. */
export function verifySnapshot(root: string): VerifyResult {
  const file = path.join(root, MANIFEST);
  if (!existsSync(file)) throw new Error(`${root} has no ${MANIFEST}: it is not a snapshot folder`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  } catch {
    return { ok: false, files: 0, problems: [{ path: MANIFEST, problem: "changed" }] };
  }
  const { checksum, ...rest } = manifest;
  if (!Array.isArray(manifest.files) || createHash("sha256").update(manifestText(rest)).digest("hex") !== checksum) {
    return { ok: false, files: 0, problems: [{ path: MANIFEST, problem: "changed" }] };
  }
  const problems: VerifyResult["problems"] = [];
  const listed = new Set<string>();
  for (const f of manifest.files) {
    listed.add(f.path);
    const p = path.join(root, f.path);
    if (!existsSync(p)) {
      problems.push({ path: f.path, problem: "missing" });
      continue;
    }
    const actual = sha256File(p);
    if (actual.sha256 !== f.sha256 || actual.bytes !== f.bytes) problems.push({ path: f.path, problem: "changed" });
  }
  for (const f of listFiles(root)) if (f !== MANIFEST && !listed.has(f)) problems.push({ path: f, problem: "unexpected" });
  return { ok: problems.length === 0, files: manifest.files.length, problems };
}
