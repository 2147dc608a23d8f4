import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { angleBetweenLines, canvasToImage, geometryKey, imageToCanvas, imageToCanvasMatrix, lengthMm, zoomAt, type ViewportGeometry } from "./geometry";

// cornerstone-core's own transform, as the reference: the overlay must land exactly where cornerstone paints.
// Its UMD bundle touches `window` and creates one canvas at load; a stub is enough for the pure maths.
type CsTransform = { m: number[] };
let calculateTransform: (enabledElement: unknown) => CsTransform;

beforeAll(() => {
  const g = globalThis as Record<string, unknown>;
  g.window ??= globalThis;
  g.document ??= { createElement: () => ({ getContext: () => null }) };
  const cs = createRequire(import.meta.url)("cornerstone-core") as { internal: { calculateTransform: typeof calculateTransform } };
  calculateTransform = cs.internal.calculateTransform;
});

function reference(g: ViewportGeometry): number[] {
  return calculateTransform({
    canvas: { width: g.canvasWidth, height: g.canvasHeight },
    viewport: { scale: g.scale, translation: g.translation, rotation: g.rotation, hflip: g.hflip, vflip: g.vflip },
    image: { columns: g.columns, rows: g.rows, rowPixelSpacing: g.rowPixelSpacing ?? undefined, columnPixelSpacing: g.columnPixelSpacing ?? undefined },
  }).m;
}

const base: ViewportGeometry = {
  canvasWidth: 800,
  canvasHeight: 600,
  columns: 512,
  rows: 1024,
  rowPixelSpacing: 0.3,
  columnPixelSpacing: 0.3,
  scale: 600 / 1024,
  translation: { x: 0, y: 0 },
  rotation: 0,
  hflip: false,
  vflip: false,
};

describe("imageToCanvasMatrix", () => {
  const cases: [string, Partial<ViewportGeometry>][] = [
    ["fit to window", {}],
    ["zoomed and panned", { scale: 2.5, translation: { x: 31, y: -12.5 } }],
    ["rotated 90° with a horizontal flip", { scale: 1.5, translation: { x: 10, y: -5 }, rotation: 90, hflip: true }],
    ["rotated 30° with a vertical flip", { rotation: 30, vflip: true, translation: { x: -4, y: 7 } }],
    ["non-square pixels (row spacing larger)", { rowPixelSpacing: 0.8, columnPixelSpacing: 0.4 }],
    ["non-square pixels (column spacing larger)", { rowPixelSpacing: 0.4, columnPixelSpacing: 0.9, rotation: 45 }],
    ["no pixel spacing (PNG)", { rowPixelSpacing: null, columnPixelSpacing: null, scale: 0.7 }],
  ];
  for (const [name, over] of cases) {
    it(`matches cornerstone-core's calculateTransform: ${name}`, () => {
      const g = { ...base, ...over };
      const mine = imageToCanvasMatrix(g);
      const theirs = reference(g);
      mine.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 9));
    });
  }

  it("puts the image centre at the canvas centre when not panned", () => {
    expect(imageToCanvas(base, { x: 256, y: 512 })).toEqual({ x: 400, y: 300 });
  });

  it("maps the top-left corner of a fitted tall image to the top edge", () => {
    const p = imageToCanvas(base, { x: 0, y: 0 });
    expect(p.y).toBeCloseTo(0, 9);
    expect(p.x).toBeCloseTo(400 - 256 * base.scale, 9);
  });

  it("canvasToImage inverts imageToCanvas", () => {
    const g = { ...base, scale: 1.7, translation: { x: 13, y: -40 }, rotation: 30, hflip: true };
    const p = { x: 123.25, y: 777.5 };
    const back = canvasToImage(g, imageToCanvas(g, p));
    expect(back.x).toBeCloseTo(p.x, 9);
    expect(back.y).toBeCloseTo(p.y, 9);
  });
});

describe("zoomAt", () => {
  it("keeps the image point under the pointer in place", () => {
    const g = { ...base, scale: 0.8, translation: { x: 20, y: -10 } };
    const pointer = { x: 100, y: 700 };
    const before = imageToCanvas(g, pointer);
    const z = zoomAt(g, pointer, 1.25);
    expect(z.scale).toBeCloseTo(1, 9);
    const after = imageToCanvas({ ...g, ...z }, pointer);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it("respects the scale limits", () => {
    expect(zoomAt(base, { x: 0, y: 0 }, 1000, { min: 0.1, max: 8 }).scale).toBe(8);
    expect(zoomAt(base, { x: 0, y: 0 }, 0.0001, { min: 0.1, max: 8 }).scale).toBe(0.1);
  });
});

describe("measurements", () => {
  it("lengthMm uses row spacing for y and column spacing for x", () => {
    expect(lengthMm({ x: 0, y: 0 }, { x: 30, y: 40 }, [0.5, 0.5])).toBeCloseTo(25, 9);
    expect(lengthMm({ x: 0, y: 0 }, { x: 10, y: 0 }, [2, 0.5])).toBeCloseTo(5, 9);
    expect(lengthMm({ x: 0, y: 0 }, { x: 0, y: 10 }, [2, 0.5])).toBeCloseTo(20, 9);
    expect(lengthMm({ x: 0, y: 0 }, { x: 1, y: 1 }, null)).toBeNull();
  });

  it("angleBetweenLines gives the acute angle whatever the line directions (Cobb)", () => {
    const horizontal: [{ x: number; y: number }, { x: number; y: number }] = [{ x: 0, y: 0 }, { x: 10, y: 0 }];
    const tilted = (deg: number, flip = false): [{ x: number; y: number }, { x: number; y: number }] => {
      const r = (deg * Math.PI) / 180;
      const a = { x: 0, y: 0 };
      const b = { x: Math.cos(r) * 10, y: Math.sin(r) * 10 };
      return flip ? [b, a] : [a, b];
    };
    expect(angleBetweenLines(horizontal, tilted(25))).toBeCloseTo(25, 9);
    expect(angleBetweenLines(horizontal, tilted(25, true))).toBeCloseTo(25, 9);
    expect(angleBetweenLines(horizontal, tilted(160))).toBeCloseTo(20, 9);
    expect(angleBetweenLines(tilted(-12), tilted(30))).toBeCloseTo(42, 9);
  });
});

describe("geometryKey", () => {
  it("changes with what moves overlays and ignores sub-millipixel noise", () => {
    expect(geometryKey(base)).toBe(geometryKey({ ...base, scale: base.scale + 1e-7 }));
    expect(geometryKey(base)).not.toBe(geometryKey({ ...base, translation: { x: 1, y: 0 } }));
    expect(geometryKey(base)).not.toBe(geometryKey({ ...base, canvasWidth: 801 }));
  });
});
