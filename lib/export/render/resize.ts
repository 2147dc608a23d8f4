// Area-average downscaling: each output pixel is the mean of the input area it covers (fractional edges weighted),
// the resampling that keeps fine bone texture from aliasing when a large radiograph is shrunk.

export interface Raster {
  width: number;
  height: number;
  /** Samples per pixel: 1 (grey) or 3 (RGB), interleaved. */
  channels: 1 | 3;
  data: Uint8Array;
}

/** The size whose longest side is at most maxSide, aspect kept; the original size when it already fits. */
export function fitWithin(width: number, height: number, maxSide: number | null | undefined): { width: number; height: number } {
  if (!maxSide || Math.max(width, height) <= maxSide) return { width, height };
  const scale = maxSide / Math.max(width, height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

interface Span {
  first: number;
  weights: Float64Array;
}

/** For each output index, the input indices it covers and their weights (summing to 1). */
function spans(inSize: number, outSize: number): Span[] {
  const scale = inSize / outSize;
  const out: Span[] = [];
  for (let o = 0; o < outSize; o++) {
    const start = o * scale;
    const end = Math.min(inSize, (o + 1) * scale);
    const first = Math.floor(start);
    const last = Math.min(inSize - 1, Math.ceil(end) - 1);
    const weights = new Float64Array(last - first + 1);
    for (let i = first; i <= last; i++) weights[i - first] = (Math.min(end, i + 1) - Math.max(start, i)) / scale;
    out.push({ first, weights });
  }
  return out;
}

/** Shrinks a raster with area averaging; never enlarges (a target bigger than the source returns it unchanged). */
export function areaAverage(src: Raster, width: number, height: number): Raster {
  if (width >= src.width && height >= src.height) return src;
  const c = src.channels;
  const xs = spans(src.width, width);
  const ys = spans(src.height, height);
  // Horizontal pass into floats, then vertical pass into bytes (a clamped array rounds and clamps as it stores).
  const mid = new Float32Array(width * src.height * c);
  for (let y = 0; y < src.height; y++) {
    const row = y * src.width * c;
    const out = y * width * c;
    for (let x = 0; x < width; x++) {
      const { first, weights } = xs[x];
      for (let k = 0; k < c; k++) {
        let sum = 0;
        let at = row + first * c + k;
        for (let i = 0; i < weights.length; i++, at += c) sum += src.data[at] * weights[i];
        mid[out + x * c + k] = sum;
      }
    }
  }
  const clamped = new Uint8ClampedArray(width * height * c);
  const rowLength = width * c;
  const acc = new Float32Array(rowLength);
  for (let y = 0; y < height; y++) {
    const { first, weights } = ys[y];
    acc.fill(0);
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i];
      const from = (first + i) * rowLength;
      for (let x = 0; x < rowLength; x++) acc[x] += mid[from + x] * w;
    }
    clamped.set(acc, y * rowLength);
  }
  const data = new Uint8Array(clamped.buffer);
  return { width, height, channels: c, data };
}
