// A cornerstone image loader for PNG and JPEG radiographs (scheme "spinemed-raster:<url>"). The browser decodes
// the file (createImageBitmap, off the main thread where supported); the pixels are read back through a canvas
// and turned into one 8-bit grey channel, which is what cornerstone's grayscale pipeline windows, inverts and
// measures. Pixel spacing comes from the import when it was recorded — a PNG cannot carry it — so without it the
// length tool honestly reports pixels.
import { rasterUrl } from "@/lib/viewer/mapper";
import { toGray } from "@/lib/viewer/raster";
import type { CsImage, CsImageLoadObject } from "./cs-types";

export class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** mm per pixel for raster ids, filled by the viewer from the domain data before loading. */
const spacingByImageId = new Map<string, [number, number]>();

export function setRasterPixelSpacing(imageId: string, spacing: [number, number] | null): void {
  if (spacing) spacingByImageId.set(imageId, spacing);
  else spacingByImageId.delete(imageId);
}

async function decode(blob: Blob): Promise<{ width: number; height: number; draw: (ctx: CanvasRenderingContext2D) => void; close: () => void }> {
  if (typeof createImageBitmap === "function") {
    // "none": keep stored grey values exactly (no colour management, no alpha premultiplication).
    const bitmap = await createImageBitmap(blob, { colorSpaceConversion: "none", premultiplyAlpha: "none" });
    return { width: bitmap.width, height: bitmap.height, draw: (ctx) => ctx.drawImage(bitmap, 0, 0), close: () => bitmap.close() };
  }
  const url = URL.createObjectURL(blob);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { width: img.naturalWidth, height: img.naturalHeight, draw: (ctx) => ctx.drawImage(img, 0, 0), close: () => URL.revokeObjectURL(url) };
  } catch (e) {
    URL.revokeObjectURL(url);
    throw e;
  }
}

async function load(imageId: string): Promise<CsImage> {
  const res = await fetch(rasterUrl(imageId), { credentials: "same-origin" });
  if (!res.ok) throw new HttpError(res.status);
  const bitmap = await decode(await res.blob());
  try {
    const canvas = document.createElement("canvas");
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    if (!ctx) throw new Error("no 2D canvas context");
    bitmap.draw(ctx);
    const { pixels, min, max } = toGray(ctx.getImageData(0, 0, bitmap.width, bitmap.height).data);
    const spacing = spacingByImageId.get(imageId);
    return {
      imageId,
      minPixelValue: min,
      maxPixelValue: max,
      slope: 1,
      intercept: 0,
      // The file is already windowed for display: show it as stored.
      windowCenter: 127.5,
      windowWidth: 256,
      getPixelData: () => pixels,
      rows: bitmap.height,
      columns: bitmap.width,
      height: bitmap.height,
      width: bitmap.width,
      color: false,
      invert: false,
      sizeInBytes: pixels.byteLength,
      rowPixelSpacing: spacing?.[0],
      columnPixelSpacing: spacing?.[1],
    };
  } finally {
    bitmap.close();
  }
}

export function loadRasterImage(imageId: string): CsImageLoadObject {
  return { promise: load(imageId) };
}
