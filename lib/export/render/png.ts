// PNG encoding of a finished 8-bit raster. The same pixels always give the same bytes (fixed options, no time or
// text chunks), so a snapshot rebuilt from unchanged data is byte-identical. One fixed row filter (Sub) instead of
// pngjs's per-row trial of all five: about 4× faster on a 3000×2400 radiograph for files about 5% larger.
import { PNG } from "pngjs";
import type { Raster } from "./resize";

export function encodePng(r: Raster): Buffer {
  return PNG.sync.write(
    { width: r.width, height: r.height, data: Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength) } as PNG,
    { colorType: r.channels === 1 ? 0 : 2, inputColorType: r.channels === 1 ? 0 : 2, inputHasAlpha: false, bitDepth: 8, deflateLevel: 6, filterType: 1 },
  );
}
