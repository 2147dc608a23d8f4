// A numeric spine phantom for generated demo/test images. Vertebral bodies and discs are placed along a sagittal
// S-curve (cervical lordosis, thoracic kyphosis, lumbar lordosis, sacral tilt) with life-size dimensions in mm,
// so a level landmark is the true centre of the body drawn there, and images can be measured in mm.

import { seededRandom } from "@/lib/random";

/** Deterministic PRNG: the same seed always renders the same image, on every platform. */
export const prng = seededRandom;

/** Standard normal samples from a uniform source (Box–Muller, both outputs used). */
export function gaussian(rand: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = Math.max(rand(), 1e-12);
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

let gaussianTable: Float32Array | null = null;

/**
 * Fast deterministic noise: standard normal values looked up in a fixed table (built once with Box–Muller from a
 * fixed seed) at positions drawn by xorshift32. Images need a million samples; this is about ten times cheaper than
 * Box–Muller per sample and statistically indistinguishable for image noise.
 */
export function noiseSource(seed: number): () => number {
  if (!gaussianTable) {
    const table = new Float32Array(1 << 16);
    const g = gaussian(prng(0x6a09e667));
    for (let i = 0; i < table.length; i++) table[i] = g();
    gaussianTable = table;
  }
  const table = gaussianTable;
  let x = (seed >>> 0) || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return table[(x >>> 0) & 0xffff];
  };
}

interface LevelSpec {
  level: string;
  /** Body height (cranio-caudal), mm. */
  height: number;
  /** Body depth (antero-posterior), mm. */
  depth: number;
  /** Half the body width (left-right), mm: decides in which sagittal slices the body is seen. */
  halfWidth: number;
  /** Height of the disc below this body, mm (0 for S1). */
  discBelow: number;
  /** Sagittal offset of the body centre, mm, positive = posterior; the curve is interpolated through these. */
  offset: number;
}

// Typical adult dimensions (rounded from published morphometry); the offsets draw the usual sagittal profile.
const SPINE: LevelSpec[] = [
  { level: "C2", height: 16, depth: 16, halfWidth: 9, discBelow: 4.5, offset: 6 },
  { level: "C3", height: 13.5, depth: 16, halfWidth: 10, discBelow: 5, offset: 0 },
  { level: "C4", height: 13.5, depth: 16.5, halfWidth: 10.5, discBelow: 5, offset: -4 },
  { level: "C5", height: 13.5, depth: 17, halfWidth: 11, discBelow: 5.5, offset: -5 },
  { level: "C6", height: 13.5, depth: 17, halfWidth: 12, discBelow: 5.5, offset: -3 },
  { level: "C7", height: 14.5, depth: 17.5, halfWidth: 13, discBelow: 5, offset: 1 },
  { level: "T1", height: 16.5, depth: 18, halfWidth: 13, discBelow: 4, offset: 6 },
  { level: "T2", height: 17.5, depth: 19, halfWidth: 13, discBelow: 4, offset: 12 },
  { level: "T3", height: 18, depth: 20, halfWidth: 13, discBelow: 4, offset: 18 },
  { level: "T4", height: 18.5, depth: 21, halfWidth: 13.5, discBelow: 4.5, offset: 23 },
  { level: "T5", height: 19, depth: 22, halfWidth: 14, discBelow: 4.5, offset: 27 },
  { level: "T6", height: 19.5, depth: 23, halfWidth: 14.5, discBelow: 4.5, offset: 29 },
  { level: "T7", height: 20, depth: 24, halfWidth: 15, discBelow: 5, offset: 30 },
  { level: "T8", height: 20.5, depth: 25, halfWidth: 16, discBelow: 5, offset: 29 },
  { level: "T9", height: 21, depth: 26, halfWidth: 17, discBelow: 5.5, offset: 26 },
  { level: "T10", height: 22, depth: 27, halfWidth: 18, discBelow: 6, offset: 22 },
  { level: "T11", height: 23, depth: 28, halfWidth: 19, discBelow: 6.5, offset: 17 },
  { level: "T12", height: 24, depth: 30, halfWidth: 20, discBelow: 8, offset: 11 },
  { level: "L1", height: 25, depth: 32, halfWidth: 21, discBelow: 9, offset: 4 },
  { level: "L2", height: 26, depth: 33, halfWidth: 22, discBelow: 10, offset: -2 },
  { level: "L3", height: 27, depth: 34, halfWidth: 23, discBelow: 11, offset: -5 },
  { level: "L4", height: 27, depth: 35, halfWidth: 24, discBelow: 12, offset: -4 },
  { level: "L5", height: 26, depth: 35, halfWidth: 25, discBelow: 11, offset: 3 },
  { level: "S1", height: 30, depth: 42, halfWidth: 26, discBelow: 0, offset: 22 },
];

export const SPINE_LEVELS: readonly string[] = SPINE.map((s) => s.level);

export interface Vertebra {
  level: string;
  /** Centre of the body, mm (x positive = posterior, y positive = caudal). */
  x: number;
  y: number;
  /** Tangent angle of the spinal curve at the centre, radians from the cranio-caudal axis. */
  angle: number;
  height: number;
  depth: number;
  halfWidth: number;
}

export interface Disc {
  /** "L4/L5" */
  level: string;
  x: number;
  y: number;
  angle: number;
  height: number;
  depth: number;
  halfWidth: number;
}

export interface SpineModel {
  vertebrae: Vertebra[];
  discs: Disc[];
  /** Samples of the curve every 0.5 mm of arc: x, y (mm) and tangent angle. */
  curve: { x: number; y: number; angle: number }[];
}

/** Catmull–Rom interpolation of (t, v) knots, t increasing; extended linearly beyond the ends. */
function catmullRom(ts: number[], vs: number[], t: number): number {
  const n = ts.length;
  if (t <= ts[0]) return vs[0] + ((vs[1] - vs[0]) / (ts[1] - ts[0])) * (t - ts[0]);
  if (t >= ts[n - 1]) return vs[n - 1] + ((vs[n - 1] - vs[n - 2]) / (ts[n - 1] - ts[n - 2])) * (t - ts[n - 1]);
  let i = 0;
  while (t > ts[i + 1]) i++;
  const t0 = ts[i];
  const t1 = ts[i + 1];
  const u = (t - t0) / (t1 - t0);
  const p0 = vs[Math.max(i - 1, 0)];
  const p1 = vs[i];
  const p2 = vs[i + 1];
  const p3 = vs[Math.min(i + 2, n - 1)];
  const m1 = ((p2 - p0) / (ts[Math.min(i + 1, n - 1)] - ts[Math.max(i - 1, 0)])) * (t1 - t0);
  const m2 = ((p3 - p1) / (ts[Math.min(i + 2, n - 1)] - ts[i])) * (t1 - t0);
  const u2 = u * u;
  const u3 = u2 * u;
  return (2 * u3 - 3 * u2 + 1) * p1 + (u3 - 2 * u2 + u) * m1 + (-2 * u3 + 3 * u2) * p2 + (u3 - u2) * m2;
}

/**
 * Builds the spine: the sagittal offset is interpolated as a function of arc length, then integrated so that body
 * and disc heights are measured along the curve, as they are in a real spine. `seed` varies sizes (±3 %) and the
 * depth of the curves (±15 %) a little, so different seeds give different but plausible patients.
 */
export function buildSpine(seed: number): SpineModel {
  const rand = prng(seed ^ 0x5eed);
  const curveScale = 0.85 + 0.3 * rand();
  const sizeScale = 0.97 + 0.06 * rand();
  const specs = SPINE.map((s) => ({
    ...s,
    height: s.height * sizeScale,
    depth: s.depth * sizeScale,
    discBelow: s.discBelow * sizeScale,
    offset: s.offset * curveScale,
  }));

  // Arc-length position of each body centre and disc centre.
  const centres: number[] = [];
  const discCentres: number[] = [];
  let s = 0;
  for (const spec of specs) {
    centres.push(s + spec.height / 2);
    s += spec.height;
    if (spec.discBelow > 0) {
      discCentres.push(s + spec.discBelow / 2);
      s += spec.discBelow;
    }
  }
  const total = s;
  const offsets = specs.map((sp) => sp.offset);

  const step = 0.5;
  const curve: { x: number; y: number; angle: number }[] = [];
  let y = 0;
  let prevX = catmullRom(centres, offsets, -step);
  for (let a = 0; a <= total + step / 2; a += step) {
    const x = catmullRom(centres, offsets, a);
    const dx = x - prevX;
    const sinA = Math.max(-0.9, Math.min(0.9, dx / step));
    if (a > 0) y += step * Math.sqrt(1 - sinA * sinA);
    curve.push({ x, y, angle: Math.asin(sinA) });
    prevX = x;
  }

  const at = (arc: number) => {
    const i = Math.min(curve.length - 1, Math.max(0, Math.round(arc / step)));
    return curve[i];
  };
  const vertebrae = specs.map((spec, i) => {
    const p = at(centres[i]);
    return { level: spec.level, x: p.x, y: p.y, angle: p.angle, height: spec.height, depth: spec.depth, halfWidth: spec.halfWidth };
  });
  const discs: Disc[] = [];
  for (let i = 0; i < specs.length - 1; i++) {
    const p = at(discCentres[i]);
    discs.push({
      level: `${specs[i].level}/${specs[i + 1].level}`,
      x: p.x,
      y: p.y,
      angle: p.angle,
      height: specs[i].discBelow,
      depth: (specs[i].depth + specs[i + 1].depth) / 2,
      halfWidth: (specs[i].halfWidth + specs[i + 1].halfWidth) / 2,
    });
  }
  return { vertebrae, discs, curve };
}

/** Maps phantom mm to image pixels (column, row), pixel centres at integer coordinates. */
export interface Placement {
  spacing: number;
  /** Column of phantom x = 0 and row of phantom y = 0. */
  col0: number;
  row0: number;
}

export function toPixel(p: Placement, x: number, y: number): { x: number; y: number } {
  return { x: p.col0 + x / p.spacing, y: p.row0 + y / p.spacing };
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * Signed distance (mm) from a point to a rounded rectangle centred at the origin, axis-aligned in its own frame:
 * negative inside. `hw`, `hh` are half extents, `r` the corner radius.
 */
function roundedRectDistance(w: number, u: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(w) - (hw - r);
  const qy = Math.abs(u) - (hh - r);
  const ox = Math.max(qx, 0);
  const oy = Math.max(qy, 0);
  return Math.hypot(ox, oy) + Math.min(Math.max(qx, qy), 0) - r;
}

export interface ShapeStyle {
  /** Value added at the centre of the shape (scaled by coverage). */
  inner: number;
  /** Extra value on a rim just inside the edge (cortical bone, annulus), may be negative. */
  rim: number;
  /** Rim thickness, mm. */
  rimWidth: number;
  /** Width of the soft edge, mm (partial volume). */
  edge: number;
  /** How the shape combines with what is under it: "add" or "replace" (blend towards inner). */
  mode: "add" | "replace";
  /**
   * Put the rim only on the anterior and posterior sides (a disc's annulus: its upper and lower borders are the
   * vertebral endplates, drawn with the bodies).
   */
  rimAcrossOnly?: boolean;
}

/**
 * Draws a rotated rounded rectangle into `img` (rows × cols, values per pixel). `angle` rotates the shape's
 * cranio-caudal axis away from the image column direction, as the tangent of the spinal curve does.
 */
export function drawRoundedRect(
  img: Float32Array,
  cols: number,
  rows: number,
  p: Placement,
  shape: { x: number; y: number; angle: number; halfDepth: number; halfHeight: number; radius: number },
  style: ShapeStyle,
  scale = 1,
): void {
  if (scale <= 0) return;
  const c = toPixel(p, shape.x, shape.y);
  const reach = (Math.hypot(shape.halfDepth, shape.halfHeight) + style.edge) / p.spacing + 1;
  const c0 = Math.max(0, Math.floor(c.x - reach));
  const c1 = Math.min(cols - 1, Math.ceil(c.x + reach));
  const r0 = Math.max(0, Math.floor(c.y - reach));
  const r1 = Math.min(rows - 1, Math.ceil(c.y + reach));
  const cos = Math.cos(shape.angle);
  const sin = Math.sin(shape.angle);
  const radius = Math.min(shape.radius, shape.halfDepth, shape.halfHeight);
  for (let r = r0; r <= r1; r++) {
    const dy = (r - c.y) * p.spacing;
    for (let col = c0; col <= c1; col++) {
      const dx = (col - c.x) * p.spacing;
      // Rotate into the shape frame: u along the curve (caudal), w across it (posterior).
      const w = dx * cos - dy * sin;
      const u = dx * sin + dy * cos;
      const d = roundedRectDistance(w, u, shape.halfDepth, shape.halfHeight, radius);
      if (d > style.edge) continue;
      const coverage = Math.min(1, Math.max(0, 0.5 - d / style.edge));
      const dRim = style.rimAcrossOnly ? Math.abs(w) - shape.halfDepth : d;
      const rim =
        style.rim !== 0 ? style.rim * Math.exp(-((dRim + style.rimWidth / 2) ** 2) / (style.rimWidth * style.rimWidth)) : 0;
      const value = (style.inner + rim) * coverage * scale;
      const i = r * cols + col;
      if (style.mode === "add") img[i] += value;
      else img[i] += (style.inner + rim - img[i]) * coverage * scale;
    }
  }
}

export function smoothstep(e0: number, e1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
}

/** The curve's x (mm) and tangent angle at each image row, by linear interpolation over the samples. */
export function curveByRow(model: SpineModel, p: Placement, rows: number): { x: number; angle: number }[] {
  const out: { x: number; angle: number }[] = [];
  const c = model.curve;
  let j = 0;
  for (let r = 0; r < rows; r++) {
    const y = (r - p.row0) * p.spacing;
    if (y <= c[0].y) {
      out.push({ x: c[0].x, angle: c[0].angle });
      continue;
    }
    if (y >= c[c.length - 1].y) {
      out.push({ x: c[c.length - 1].x, angle: c[c.length - 1].angle });
      continue;
    }
    while (j < c.length - 2 && c[j + 1].y < y) j++;
    const a = c[j];
    const b = c[j + 1];
    const t = b.y > a.y ? (y - a.y) / (b.y - a.y) : 0;
    out.push({ x: a.x + (b.x - a.x) * t, angle: a.angle + (b.angle - a.angle) * t });
  }
  return out;
}

/**
 * The posterior arch of a vertebra seen from the side (spinous process with laminae): a bar that starts behind the
 * spinal canal and points posteriorly and, by `slant` radians, caudally — as thoracic spinous processes do most.
 */
export function posteriorArch(
  vb: Vertebra,
  canal: number,
  length: number,
  slant: number,
): { x: number; y: number; angle: number; halfDepth: number; halfHeight: number; radius: number } {
  const nx = Math.cos(vb.angle);
  const ny = -Math.sin(vb.angle);
  const tx = Math.sin(vb.angle);
  const ty = Math.cos(vb.angle);
  const base = vb.depth / 2 + canal;
  const dx = nx * Math.cos(slant) + tx * Math.sin(slant);
  const dy = ny * Math.cos(slant) + ty * Math.sin(slant);
  return {
    x: vb.x + nx * base + (dx * length) / 2,
    y: vb.y + ny * base + (dy * length) / 2,
    angle: vb.angle - slant,
    halfDepth: length / 2,
    halfHeight: vb.height * 0.22,
    radius: 3,
  };
}
