// Writing an item's images into a snapshot: each stored image becomes one 8-bit PNG, named by the sha256 of its
// bytes (the same picture is written once, whatever items show it) and referenced by relative path. The renderer
// is an argument (tests may pass their own); by default it is the server-side renderer of
// lib/export/render (window, MONOCHROME1, every transfer syntax the viewer shows; PNG and JPEG re-encoded).
// The PHI gate runs again on what is written: a PNG may carry text chunks (tEXt, zTXt, iTXt, eXIf) and none is
// let through; a DICOM file must pass checkDeidentified.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export interface RenderInput {
  bytes: Uint8Array;
  mime: string;
  window?: { center: number; width: number } | null;
  maxSide?: number | null;
  name?: string;
}
export type Renderer = (input: RenderInput) => Promise<{ png: Buffer; width: number; height: number }>;

/** An image that cannot be turned into a PNG; the message names the file and the reason. */
export class UndecodableImageError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = "UndecodableImageError";
  }
}

/** True for the renderer's "cannot decode this" errors (ours, or the DICOM renderer's RenderError). */
export function isUndecodable(e: unknown): e is Error {
  return e instanceof UndecodableImageError || (e instanceof Error && (e.name === "RenderError" || e.constructor.name === "RenderError"));
}

const MIME: Record<string, string> = { dicom: "application/dicom", png: "image/png", jpeg: "image/jpeg" };
export const mimeOf = (format: string) => MIME[format] ?? "application/octet-stream";

// The renderer and its WebAssembly codecs are loaded on first use: an export without image files (the common
// case for text training data) does not carry them in memory.
const render = () => import("./render");

/** The renderer snapshots use: the server-side renderer (DICOM in every transfer syntax the viewer shows, PNG, JPEG). */
export const defaultRenderer: Renderer = async (input) => (await render()).renderToPng(input);

const TEXT_CHUNKS = new Set(["tEXt", "zTXt", "iTXt", "eXIf"]);

/** The text-bearing chunks of a PNG (where identifying text could hide); empty for what the export writes. */
export function pngTextChunks(png: Buffer): string[] {
  const found: string[] = [];
  let i = 8;
  while (i + 8 <= png.length) {
    const len = png.readUInt32BE(i);
    const type = png.toString("latin1", i + 4, i + 8);
    if (TEXT_CHUNKS.has(type)) found.push(type);
    if (type === "IEND") break;
    i += 12 + len;
  }
  return found;
}

export interface WrittenImage {
  path: string;
  width: number;
  height: number;
}

/** Renders one stored image to <root>/images/<sha256>.png (once per content) and returns its relative path. */
export async function writeImage(root: string, image: { format: string; bytes: Uint8Array; window: { center: number; width: number } | null; name: string }, renderer: Renderer, maxSide: number | null): Promise<WrittenImage> {
  const r = await renderer({ bytes: image.bytes, mime: mimeOf(image.format), window: image.window, maxSide, name: image.name });
  const chunks = pngTextChunks(r.png);
  if (chunks.length) throw new Error(`${image.name}: the rendered PNG carries text chunks (${chunks.join(", ")}); nothing identifying may be exported`);
  const hash = createHash("sha256").update(r.png).digest("hex");
  const rel = `images/${hash}.png`;
  const file = path.join(root, rel);
  if (!existsSync(file)) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, r.png);
  }
  return { path: rel, width: r.width, height: r.height };
}

export type DicomExporter = (bytes: Uint8Array, opts: { name?: string }) => Promise<Uint8Array>;

/** The original DICOM, de-identified, at <root>/dicom/<sha256>.dcm; the exporter's output must pass the PHI check. */
export async function writeDicom(root: string, bytes: Uint8Array, name: string, exporter: DicomExporter, check: (buf: Uint8Array) => { clean: boolean; findings: { keyword: string }[] }): Promise<string> {
  const out = await exporter(bytes, { name });
  const verdict = check(out);
  if (!verdict.clean) throw new Error(`${name}: the exported DICOM still carries ${verdict.findings.map((f) => f.keyword).join(", ")}; nothing identifying may be exported`);
  const hash = createHash("sha256").update(out).digest("hex");
  const rel = `dicom/${hash}.dcm`;
  const file = path.join(root, rel);
  if (!existsSync(file)) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, out);
  }
  return rel;
}

/** The original DICOM through the project's de-identification gate (the output is checked again by writeDicom). */
export const defaultDicomExporter: DicomExporter = async (bytes, opts) => (await render()).deidentifiedDicomForExport(bytes, opts);
