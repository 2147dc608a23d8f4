// Pixels of PNG/JPEG radiographs for cornerstone's grayscale pipeline (used by components/viewer/rasterLoader.ts).

/** RGBA → one luminance byte per pixel (Rec. 601 weights; a grey image has R = G = B and stays exact). */
export function toGray(rgba: Uint8ClampedArray): { pixels: Uint8Array; min: number; max: number } {
  const n = rgba.length / 4;
  const pixels = new Uint8Array(n);
  let min = 255;
  let max = 0;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const r = rgba[j];
    const g = rgba[j + 1];
    const b = rgba[j + 2];
    const v = r === g && g === b ? r : Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    pixels[i] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { pixels, min, max };
}
