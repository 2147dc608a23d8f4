// Writing an item's images into a snapshot: each stored image becomes one 8-bit PNG, named by the sha256 of its
// bytes (the same picture is written once, whatever items show it) and referenced by relative path. The renderer
// is an argument: the server-side DICOM renderer (window, MONOCHROME1, every transfer syntax the viewer shows) is
// plugged in where the snapshot is built; `rasterRenderer` here handles PNG inputs, re-encoded through pngjs.
// The PHI gate runs again on what is written: a PNG may carry text chunks (tEXt, zTXt, iTXt, eXIf) and none is
// let through; a DICOM file must pass checkDeidentified.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PNG } from "pngjs";

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

/** Box-filter downscale of RGBA pixels so the longest side is at most maxSide. */
function downscale(src: PNG, maxSide: number): PNG {
  const scale = maxSide / Math.max(src.width, src.height);
  if (scale >= 1) return src;
  const w = Math.max(1, Math.round(src.width * scale));
  const h = Math.max(1, Math.round(src.height * scale));
  const out = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * src.height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * src.height) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * src.width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * src.width) / w));
      const acc = [0, 0, 0, 0];
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) for (let c = 0; c < 4; c++) acc[c] += src.data[(yy * src.width + xx) * 4 + c];
      const n = (y1 - y0) * (x1 - x0);
      for (let c = 0; c < 4; c++) out.data[(y * w + x) * 4 + c] = Math.round(acc[c] / n);
    }
  }
  return out;
}

/** PNG in, 8-bit PNG out (decoded and re-encoded: no ancillary chunk of the source survives). */
export const rasterRenderer: Renderer = async (input) => {
  if (input.mime !== "image/png") {
    throw new UndecodableImageError(`${input.name ?? "image"}: ${input.mime} cannot be rendered by the raster renderer (it needs the server-side image renderer)`, input.name);
  }
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(input.bytes));
  } catch (e) {
    throw new UndecodableImageError(`${input.name ?? "image"}: not a decodable PNG (${e instanceof Error ? e.message : String(e)})`, input.name);
  }
  const scaled = input.maxSide ? downscale(png, input.maxSide) : png;
  const out = PNG.sync.write(scaled, { colorType: 6, bitDepth: 8 });
  return { png: out, width: scaled.width, height: scaled.height };
};

/** The renderer snapshots use. */
export const defaultRenderer: Renderer = rasterRenderer;

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

/** Until the de-identified DICOM export is plugged in, asking for DICOM files is refused with this message. */
export const noDicomExporter: DicomExporter = async (_bytes, opts) => {
  throw new Error(`${opts.name ?? "DICOM"}: including the original DICOM needs the de-identifying DICOM exporter, which this build does not have`);
};
