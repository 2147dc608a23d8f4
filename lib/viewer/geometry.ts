// Image ↔ canvas geometry of the viewer, as pure functions over a snapshot of the viewport. They follow
// cornerstone-core 2.6's internal calculateTransform step for step (centre of canvas, rotation, scale with the
// pixel-aspect correction, pan, flips, back by half the displayed area), so HTML overlays (level labels) sit
// exactly where cornerstone paints the pixels, and can be unit-tested without a browser.

export interface Point {
  x: number;
  y: number;
}

export interface ViewportGeometry {
  canvasWidth: number;
  canvasHeight: number;
  /** Image size in pixels (cornerstone's columns and rows). */
  columns: number;
  rows: number;
  /** mm per pixel; only their ratio matters here (non-square pixels are stretched to true aspect). */
  rowPixelSpacing?: number | null;
  columnPixelSpacing?: number | null;
  scale: number;
  translation: Point;
  /** Degrees, clockwise. */
  rotation: number;
  hflip: boolean;
  vflip: boolean;
}

/** A 2-D affine matrix in canvas order [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function translate(m: Matrix, x: number, y: number): Matrix {
  return [m[0], m[1], m[2], m[3], m[4] + m[0] * x + m[2] * y, m[5] + m[1] * x + m[3] * y];
}

function rotate(m: Matrix, rad: number): Matrix {
  const c = Math.cos(rad);
  const s = Math.sin(rad);
  return [m[0] * c + m[2] * s, m[1] * c + m[3] * s, m[0] * -s + m[2] * c, m[1] * -s + m[3] * c, m[4], m[5]];
}

function scale(m: Matrix, sx: number, sy: number): Matrix {
  return [m[0] * sx, m[1] * sx, m[2] * sy, m[3] * sy, m[4], m[5]];
}

/** The image-pixel → canvas-pixel transform of a viewport (default displayed area, presentation size "NONE"). */
export function imageToCanvasMatrix(g: ViewportGeometry): Matrix {
  let m = translate(IDENTITY, g.canvasWidth / 2, g.canvasHeight / 2);
  const angle = (g.rotation * Math.PI) / 180;
  if (angle !== 0) m = rotate(m, angle);
  let sx = g.scale;
  let sy = g.scale;
  const row = g.rowPixelSpacing || 0;
  const col = g.columnPixelSpacing || 0;
  // cornerstone stretches the axis with the larger spacing so that a millimetre is as long both ways.
  if (row > 0 && col > 0) {
    if (row < col) sx *= col / row;
    else if (col < row) sy *= row / col;
  }
  m = scale(m, sx, sy);
  if (angle !== 0) m = rotate(m, -angle);
  m = translate(m, g.translation.x, g.translation.y);
  if (angle !== 0) m = rotate(m, angle);
  if (g.hflip) m = scale(m, -1, 1);
  if (g.vflip) m = scale(m, 1, -1);
  return translate(m, -g.columns / 2, -g.rows / 2);
}

export function applyMatrix(m: Matrix, p: Point): Point {
  return { x: p.x * m[0] + p.y * m[2] + m[4], y: p.x * m[1] + p.y * m[3] + m[5] };
}

export function invertMatrix(m: Matrix): Matrix {
  const det = m[0] * m[3] - m[1] * m[2];
  if (det === 0) throw new RangeError("singular viewport transform (scale 0?)");
  const a = m[3] / det;
  const b = -m[1] / det;
  const c = -m[2] / det;
  const d = m[0] / det;
  return [a, b, c, d, -(a * m[4] + c * m[5]), -(b * m[4] + d * m[5])];
}

export function imageToCanvas(g: ViewportGeometry, p: Point): Point {
  return applyMatrix(imageToCanvasMatrix(g), p);
}

export function canvasToImage(g: ViewportGeometry, p: Point): Point {
  return applyMatrix(invertMatrix(imageToCanvasMatrix(g)), p);
}

/** True when a canvas point lies on the canvas (with a margin, so labels half off the edge are dropped). */
export function onCanvas(g: Pick<ViewportGeometry, "canvasWidth" | "canvasHeight">, p: Point, margin = 0): boolean {
  return p.x >= -margin && p.y >= -margin && p.x <= g.canvasWidth + margin && p.y <= g.canvasHeight + margin;
}

/**
 * Zoom by `factor` keeping the image point under the pointer where it is (ctrl + wheel, trackpad pinch).
 * Returns the new scale and translation. Exact without rotation; with rotation/flips the point drifts a little,
 * which is acceptable for a zoom gesture.
 */
export function zoomAt(
  g: Pick<ViewportGeometry, "scale" | "translation" | "columns" | "rows">,
  pointer: Point,
  factor: number,
  limits: { min: number; max: number } = { min: 0.05, max: 40 },
): { scale: number; translation: Point } {
  const next = Math.min(limits.max, Math.max(limits.min, g.scale * factor));
  const ratio = g.scale / next;
  // canvas = centre + s·(T + P − size/2): keep it constant for P = pointer when s changes.
  const ox = pointer.x - g.columns / 2;
  const oy = pointer.y - g.rows / 2;
  return {
    scale: next,
    translation: { x: ratio * (g.translation.x + ox) - ox, y: ratio * (g.translation.y + oy) - oy },
  };
}

/** Length in mm between two image points, or null without pixel spacing. */
export function lengthMm(a: Point, b: Point, spacing: [number, number] | null): number | null {
  if (!spacing || !(spacing[0] > 0) || !(spacing[1] > 0)) return null;
  const dx = (b.x - a.x) * spacing[1];
  const dy = (b.y - a.y) * spacing[0];
  return Math.hypot(dx, dy);
}

/** The acute angle in degrees between two lines (the Cobb angle of two endplate lines). */
export function angleBetweenLines(l1: [Point, Point], l2: [Point, Point]): number {
  const a1 = Math.atan2(l1[1].y - l1[0].y, l1[1].x - l1[0].x);
  const a2 = Math.atan2(l2[1].y - l2[0].y, l2[1].x - l2[0].x);
  let d = Math.abs(a1 - a2) % Math.PI;
  if (d > Math.PI / 2) d = Math.PI - d;
  return (d * 180) / Math.PI;
}

/** A stable key of what moves overlays: equal keys ⇒ the labels need not be recomputed. */
export function geometryKey(g: ViewportGeometry): string {
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return [g.canvasWidth, g.canvasHeight, g.columns, g.rows, r(g.scale), r(g.translation.x), r(g.translation.y), g.rotation, g.hflip ? 1 : 0, g.vflip ? 1 : 0, g.rowPixelSpacing ?? "", g.columnPixelSpacing ?? ""].join("|");
}
