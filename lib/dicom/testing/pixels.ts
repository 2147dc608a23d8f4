// Test helpers that read pixel values back out of a written file, so image assertions judge the file itself.
import { readDicomDataSet, TAGS } from "../parse";

/** The raw value bytes of the PixelData element (native or encapsulated, as stored). */
export function pixelDataBytes(buf: Uint8Array): Uint8Array {
  const ds = readDicomDataSet(buf);
  const el = ds.elements[TAGS.PixelData];
  if (!el) throw new Error("no PixelData");
  return ds.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
}

/** Native 16-bit little-endian pixel data as numbers (frames concatenated). */
export function pixels16(buf: Uint8Array): Uint16Array {
  const bytes = pixelDataBytes(buf);
  const out = new Uint16Array(bytes.length / 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint16(i * 2, true);
  return out;
}

/** Mean of the (2r+1)² pixels around (x, y) — a landmark or a point between two. */
export function meanAround(px: ArrayLike<number>, columns: number, x: number, y: number, r = 1, offset = 0): number {
  const cx = Math.round(x);
  const cy = Math.round(y);
  let sum = 0;
  let n = 0;
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      sum += px[offset + (cy + dy) * columns + (cx + dx)];
      n++;
    }
  }
  return sum / n;
}
