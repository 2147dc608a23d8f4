// Test helpers: decode a rendered PNG back to its samples, and patch DICOM files byte-wise for bad-input cases.
import { PNG } from "pngjs";
import { readDicomDataSet, TAGS } from "@/lib/dicom/parse";

export function decodePng(png: Buffer): { width: number; height: number; grey: Uint8Array; rgba: Buffer; colorType: number } {
  const p = PNG.sync.read(png);
  const grey = new Uint8Array(p.width * p.height);
  for (let i = 0; i < grey.length; i++) grey[i] = p.data[i * 4];
  const colorType = png[25];
  return { width: p.width, height: p.height, grey, rgba: p.data, colorType };
}

export function distinctValues(a: ArrayLike<number>): number {
  return new Set(Array.from(a)).size;
}

/** The file with every occurrence of one ASCII value replaced by another of the same length. */
export function replaceAscii(buf: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error("same length only");
  const out = Buffer.from(buf);
  let at = out.indexOf(from, 0, "latin1");
  if (at < 0) throw new Error(`${from} not found`);
  while (at >= 0) {
    out.write(to, at, "latin1");
    at = out.indexOf(from, at + 1, "latin1");
  }
  return out;
}

/** A native file whose PixelData element is well formed but holds only `keep` of its bytes (a cut-short writer). */
export function shortenPixelData(buf: Buffer, keep: number): Buffer {
  const ds = readDicomDataSet(buf);
  const el = ds.elements[TAGS.PixelData];
  if (!el || el.encapsulatedPixelData) throw new Error("native pixel data only");
  const out = Buffer.concat([buf.subarray(0, el.dataOffset + keep), buf.subarray(el.dataOffset + el.length)]);
  out.writeUInt32LE(keep, el.dataOffset - 4);
  return out;
}

/** A copy whose pixel data bytes are all set to one value. */
export function fillPixelData(buf: Buffer, value: number): Buffer {
  const ds = readDicomDataSet(buf);
  const el = ds.elements[TAGS.PixelData];
  const out = Buffer.from(buf);
  out.fill(value, el.dataOffset, el.dataOffset + el.length);
  return out;
}
