// Domain data → what cornerstone works with, and back. The viewer keeps two kinds of state apart: domain data
// (series, images, landmarks, levels; plain objects from the server) and cornerstone state (image ids, the stack,
// the viewport). Everything that translates between them is here, as pure functions.
import { parseLevel } from "@/lib/levels/levels";
import { imageToCanvas, onCanvas, type Point, type ViewportGeometry } from "./geometry";
import type { ViewerImage, ViewerLandmark, ViewerSeries } from "./types";

/** Scheme of the viewer's own PNG/JPEG loader (components/viewer/rasterLoader.ts). */
export const RASTER_SCHEME = "spinemed-raster";

/** The app's own route for an image file; the id is looked up on the server, never a path. */
export function imageFileUrl(imageId: string, origin: string): string {
  return `${origin.replace(/\/$/, "")}/api/images/${encodeURIComponent(imageId)}/file`;
}

/**
 * The cornerstone image id of one frame. DICOM goes through the WADO-URI loader, which takes an absolute URL and
 * a 0-based `frame` parameter for multi-frame files; PNG/JPEG through the raster loader.
 */
export function cornerstoneImageId(image: Pick<ViewerImage, "id" | "format" | "frames">, origin: string, frame = 0): string {
  const url = imageFileUrl(image.id, origin);
  if (image.format === "dicom") return image.frames > 1 ? `wadouri:${url}?frame=${frame}` : `wadouri:${url}`;
  return `${RASTER_SCHEME}:${url}`;
}

/** The URL inside a raster image id. */
export function rasterUrl(imageId: string): string {
  if (!imageId.startsWith(`${RASTER_SCHEME}:`)) throw new Error(`not a raster image id: ${imageId}`);
  return imageId.slice(RASTER_SCHEME.length + 1);
}

/** One position of the stack: a frame of an image. A series of 15 single-frame slices has 15 entries. */
export interface StackEntry {
  imageId: string;
  image: ViewerImage;
  imageIndex: number;
  frame: number;
}

export function stackEntries(series: Pick<ViewerSeries, "images">, origin: string): StackEntry[] {
  const out: StackEntry[] = [];
  series.images.forEach((image, imageIndex) => {
    const frames = Math.max(1, image.frames || 1);
    for (let frame = 0; frame < frames; frame++) {
      out.push({ imageId: cornerstoneImageId(image, origin, frame), image, imageIndex, frame });
    }
  });
  return out;
}

/** "7 / 15" (1-based, as people count slices). */
export function sliceLabel(index: number, count: number): string {
  return count > 0 ? `${index + 1} / ${count}` : "–";
}

export function clampIndex(index: number, count: number): number {
  if (count <= 0) return 0;
  return Math.min(count - 1, Math.max(0, Math.round(index)));
}

// ---------------------------------------------------------------------------------------------------------------
// Levels and landmarks

/** Canonical spelling, or the input trimmed when it is not a level (so odd data still shows, unnormalised). */
export function canonicalLevel(level: string): string {
  const r = parseLevel(level);
  return r.ok ? r.level.canonical : level.trim();
}

export function landmarksOf(entry: Pick<StackEntry, "image" | "frame">): ViewerLandmark[] {
  return entry.image.landmarks.filter((l) => (l.frame ?? 0) === entry.frame);
}

export type Emphasis = "primary" | "adjacent" | "none";

/**
 * How strongly a landmark is drawn given the levels an item is about. The level itself is primary. For a
 * highlighted disc (L4/L5) its two vertebrae are adjacent context; for a highlighted vertebra its discs are.
 */
export function emphasisOf(level: string, highlight: readonly string[]): Emphasis {
  if (highlight.length === 0) return "none";
  const me = parseLevel(level);
  if (!me.ok) return highlight.some((h) => h.trim() === level.trim()) ? "primary" : "none";
  let adjacent = false;
  for (const h of highlight) {
    const hl = parseLevel(h);
    if (!hl.ok) continue;
    if (hl.level.canonical === me.level.canonical) return "primary";
    if (hl.level.kind === "disc" && me.level.kind === "vertebra" && hl.level.vertebrae.includes(me.level.canonical)) adjacent = true;
    if (hl.level.kind === "vertebra" && me.level.kind === "disc" && me.level.vertebrae.includes(hl.level.canonical)) adjacent = true;
  }
  return adjacent ? "adjacent" : "none";
}

export interface LevelLabel {
  level: string;
  /** Canvas (= CSS) pixels relative to the top-left of the viewer's canvas. */
  x: number;
  y: number;
  emphasis: Emphasis;
  kind: "vertebra" | "disc" | "other";
}

/**
 * The level labels of the displayed slice in canvas coordinates: landmarks of this frame, placed through the
 * viewport transform, dropped when off the canvas, highlighted ones last so they paint on top.
 */
export function levelLabels(entry: Pick<StackEntry, "image" | "frame"> | null, geometry: ViewportGeometry | null, highlight: readonly string[]): LevelLabel[] {
  if (!entry || !geometry) return [];
  const rank: Record<Emphasis, number> = { none: 0, adjacent: 1, primary: 2 };
  const out: LevelLabel[] = [];
  for (const l of landmarksOf(entry)) {
    const p: Point = imageToCanvas(geometry, { x: l.x, y: l.y });
    if (!onCanvas(geometry, p, 4)) continue;
    const parsed = parseLevel(l.level);
    out.push({
      level: parsed.ok ? parsed.level.canonical : l.level,
      x: p.x,
      y: p.y,
      emphasis: emphasisOf(l.level, highlight),
      kind: parsed.ok ? parsed.level.kind : "other",
    });
  }
  return out.sort((a, b) => rank[a.emphasis] - rank[b.emphasis]);
}

/** Distinct levels with landmarks in a series, in cranio-caudal order (for the level list beside the viewer). */
export function levelsInSeries(series: Pick<ViewerSeries, "images">): string[] {
  const seen = new Set<string>();
  for (const img of series.images) for (const l of img.landmarks) seen.add(canonicalLevel(l.level));
  const withRank = [...seen].map((level) => {
    const r = parseLevel(level);
    return { level, rank: r.ok ? r.level.rank : Number.MAX_SAFE_INTEGER };
  });
  return withRank.sort((a, b) => a.rank - b.rank || a.level.localeCompare(b.level)).map((x) => x.level);
}

function entryHas(entry: Pick<StackEntry, "image" | "frame">, levels: ReadonlySet<string>): boolean {
  return landmarksOf(entry).some((l) => levels.has(canonicalLevel(l.level)));
}

/**
 * The stack index nearest to `from` whose slice has a landmark of `level`. When no slice carries the level
 * itself, a disc falls back to slices showing its vertebrae (L4/L5 → L4 or L5). Ties go to the slice with more
 * landmarks (closer to the midline on a sagittal stack), then to the lower index. -1 when nothing matches.
 */
export function nearestSliceWithLevel(entries: readonly Pick<StackEntry, "image" | "frame">[], level: string, from: number): number {
  const parsed = parseLevel(level);
  const wanted = parsed.ok ? parsed.level.canonical : level.trim();
  const candidates: ReadonlySet<string>[] = [new Set([wanted])];
  if (parsed.ok && parsed.level.kind === "disc") candidates.push(new Set(parsed.level.vertebrae));
  for (const set of candidates) {
    let best = -1;
    let bestDistance = Infinity;
    let bestCount = -1;
    entries.forEach((e, i) => {
      if (!entryHas(e, set)) return;
      const d = Math.abs(i - from);
      const count = landmarksOf(e).length;
      if (d < bestDistance || (d === bestDistance && count > bestCount)) {
        best = i;
        bestDistance = d;
        bestCount = count;
      }
    });
    if (best >= 0) return best;
  }
  return -1;
}

/**
 * Where a stack opens: the slice with the most landmarks nearest the middle (the midline of a sagittal stack,
 * where the levels were annotated), or the middle slice; 0 for a single image.
 */
export function initialSliceIndex(entries: readonly Pick<StackEntry, "image" | "frame">[]): number {
  if (entries.length <= 1) return 0;
  const middle = Math.floor((entries.length - 1) / 2);
  let best = middle;
  let bestCount = landmarksOf(entries[middle]).length;
  let bestDistance = 0;
  entries.forEach((e, i) => {
    const count = landmarksOf(e).length;
    const d = Math.abs(i - middle);
    if (count > bestCount || (count === bestCount && count > 0 && d < bestDistance)) {
      best = i;
      bestCount = count;
      bestDistance = d;
    }
  });
  return best;
}

/** The first series (in the given order) with a slice carrying `level`, preferring `current`. */
export function seriesForLevel(series: readonly ViewerSeries[], level: string, current: string | null): string | null {
  const has = (s: ViewerSeries) => nearestSliceWithLevel(stackEntries(s, ""), level, 0) >= 0;
  const cur = series.find((s) => s.id === current);
  if (cur && has(cur)) return cur.id;
  return series.find(has)?.id ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Transfer syntaxes and load errors

/**
 * Transfer syntaxes the bundled WADO image loader (cornerstone-wado-image-loader 4.13, no-worker bundle) decodes
 * in the browser. Others — JPEG 2000 Part 2, High-Throughput JPEG 2000, MPEG video, encapsulated uncompressed —
 * are refused up front with their name instead of a blank canvas.
 */
export const DECODABLE_TRANSFER_SYNTAXES: ReadonlySet<string> = new Set([
  "1.2.840.10008.1.2", // Implicit VR Little Endian
  "1.2.840.10008.1.2.1", // Explicit VR Little Endian
  "1.2.840.10008.1.2.1.99", // Deflated Explicit VR Little Endian (the bundle provides window.pako for dicomParser)
  "1.2.840.10008.1.2.2", // Explicit VR Big Endian
  "1.2.840.10008.1.2.5", // RLE Lossless
  "1.2.840.10008.1.2.4.50", // JPEG Baseline
  "1.2.840.10008.1.2.4.51", // JPEG Extended
  "1.2.840.10008.1.2.4.57", // JPEG Lossless
  "1.2.840.10008.1.2.4.70", // JPEG Lossless SV1
  "1.2.840.10008.1.2.4.80", // JPEG-LS Lossless
  "1.2.840.10008.1.2.4.81", // JPEG-LS Near-Lossless
  "1.2.840.10008.1.2.4.90", // JPEG 2000 Lossless
  "1.2.840.10008.1.2.4.91", // JPEG 2000
]);

export type Displayability = { ok: true } | { ok: false; reason: string };

/** Whether the browser can show this image at all, decided from the stored header before any download. */
export function displayability(image: Pick<ViewerImage, "format" | "transferSyntaxUid" | "transferSyntaxName">): Displayability {
  if (image.format !== "dicom") return { ok: true };
  const uid = image.transferSyntaxUid?.trim();
  // Without a recorded syntax (old imports) let the loader try: it reads the syntax from the file itself.
  if (!uid || DECODABLE_TRANSFER_SYNTAXES.has(uid)) return { ok: true };
  const name = image.transferSyntaxName || `transfer syntax ${uid}`;
  return {
    ok: false,
    reason: `This image is stored as ${name} (${uid}), which the browser viewer cannot decode. Convert it to an uncompressed or JPEG/JPEG 2000 syntax and import it again.`,
  };
}

/** A load failure as one sentence for the reviewer, naming the transfer syntax when decoding was the problem. */
export function describeLoadError(error: unknown, image: Pick<ViewerImage, "format" | "transferSyntaxUid" | "transferSyntaxName"> | null): string {
  const status = httpStatusOf(error);
  if (status === 401) return "Your session has ended. Sign in again to see the images.";
  if (status === 403) return "You are not allowed to see this image.";
  if (status === 404) return "The image file was not found on the server.";
  if (status && status >= 500) return `The server could not send the image (HTTP ${status}). Try again.`;
  const detail = messageOf(error);
  if (image?.format === "dicom") {
    const ts = image.transferSyntaxName ? ` (${image.transferSyntaxName})` : image.transferSyntaxUid ? ` (transfer syntax ${image.transferSyntaxUid})` : "";
    return `This DICOM image could not be decoded${ts}${detail ? `: ${detail}` : "."}`;
  }
  if (image) return `This ${image.format.toUpperCase()} image could not be decoded${detail ? `: ${detail}` : "."}`;
  return detail || "The image could not be loaded.";
}

function httpStatusOf(error: unknown): number | null {
  if (!error || typeof error !== "object") return null;
  const e = error as { status?: unknown; request?: { status?: unknown }; error?: { status?: unknown } };
  for (const s of [e.status, e.request?.status, e.error?.status]) if (typeof s === "number" && s >= 400) return s;
  return null;
}

function messageOf(error: unknown): string {
  if (typeof error === "string") return error;
  if (error instanceof Error) return error.message;
  if (error && typeof error === "object") {
    const e = error as { message?: unknown; error?: unknown };
    if (typeof e.message === "string") return e.message;
    if (e.error instanceof Error) return e.error.message;
    if (typeof e.error === "string") return e.error;
  }
  return "";
}
