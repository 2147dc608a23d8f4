import { describe, expect, it } from "vitest";
import type { ViewportGeometry } from "./geometry";
import {
  canonicalLevel,
  clampIndex,
  cornerstoneImageId,
  describeLoadError,
  displayability,
  emphasisOf,
  initialSliceIndex,
  levelLabels,
  levelsInSeries,
  nearestSliceWithLevel,
  rasterUrl,
  seriesForLevel,
  sliceLabel,
  stackEntries,
} from "./mapper";
import type { ViewerImage, ViewerLandmark, ViewerSeries } from "./types";

const ORIGIN = "http://127.0.0.1:3100";

function image(id: string, over: Partial<ViewerImage> = {}): ViewerImage {
  return {
    id,
    format: "dicom",
    rows: 256,
    columns: 256,
    frames: 1,
    instanceNumber: null,
    sliceLocation: null,
    modality: "MR",
    pixelSpacing: [0.5, 0.5],
    windowCenter: 600,
    windowWidth: 1300,
    transferSyntaxUid: "1.2.840.10008.1.2.1",
    transferSyntaxName: "Explicit VR Little Endian",
    landmarks: [],
    ...over,
  };
}

const lm = (level: string, x = 100, y = 100, frame = 0): ViewerLandmark => ({ level, x, y, frame });

function series(images: ViewerImage[], over: Partial<ViewerSeries> = {}): ViewerSeries {
  return { id: "s1", label: "Sagittal T2", modality: "MR", sequence: "T2", view: "sagittal", description: null, number: 1, images, ...over };
}

describe("image ids", () => {
  it("gives DICOM a wadouri id with an absolute URL of the file route", () => {
    expect(cornerstoneImageId(image("img 1"), ORIGIN)).toBe(`wadouri:${ORIGIN}/api/images/img%201/file`);
    expect(cornerstoneImageId(image("x"), `${ORIGIN}/`)).toBe(`wadouri:${ORIGIN}/api/images/x/file`);
  });

  it("adds a 0-based frame parameter for multi-frame DICOM", () => {
    expect(cornerstoneImageId(image("m", { frames: 4 }), ORIGIN, 2)).toBe(`wadouri:${ORIGIN}/api/images/m/file?frame=2`);
  });

  it("sends PNG and JPEG through the raster loader", () => {
    const id = cornerstoneImageId(image("p", { format: "png" }), ORIGIN);
    expect(id).toBe(`spinemed-raster:${ORIGIN}/api/images/p/file`);
    expect(rasterUrl(id)).toBe(`${ORIGIN}/api/images/p/file`);
    expect(() => rasterUrl("wadouri:x")).toThrow();
  });

  it("expands frames into stack entries in order", () => {
    const s = series([image("a"), image("b", { frames: 3 }), image("c")]);
    const entries = stackEntries(s, ORIGIN);
    expect(entries.map((e) => [e.image.id, e.frame, e.imageIndex])).toEqual([
      ["a", 0, 0],
      ["b", 0, 1],
      ["b", 1, 1],
      ["b", 2, 1],
      ["c", 0, 2],
    ]);
  });

  it("labels and clamps slice positions", () => {
    expect(sliceLabel(6, 15)).toBe("7 / 15");
    expect(sliceLabel(0, 0)).toBe("–");
    expect(clampIndex(-3, 15)).toBe(0);
    expect(clampIndex(99, 15)).toBe(14);
    expect(clampIndex(3, 0)).toBe(0);
  });
});

describe("levels and emphasis", () => {
  it("normalises level spellings", () => {
    expect(canonicalLevel("l4-5")).toBe("L4/L5");
    expect(canonicalLevel(" odd ")).toBe("odd");
  });

  it("emphasises the highlighted level and, as context, a disc's vertebrae or a vertebra's discs", () => {
    expect(emphasisOf("L4/L5", ["L4-L5"])).toBe("primary");
    expect(emphasisOf("L4", ["L4/L5"])).toBe("adjacent");
    expect(emphasisOf("L5", ["L4/L5"])).toBe("adjacent");
    expect(emphasisOf("L3", ["L4/L5"])).toBe("none");
    expect(emphasisOf("L5/S1", ["L5"])).toBe("adjacent");
    expect(emphasisOf("L4", [])).toBe("none");
    expect(emphasisOf("L4", ["L4", "L4/L5"])).toBe("primary");
  });

  it("lists a series' levels in cranio-caudal order", () => {
    const s = series([image("a", { landmarks: [lm("L5"), lm("L4/L5"), lm("T12")] }), image("b", { landmarks: [lm("l4"), lm("S1")] })]);
    expect(levelsInSeries(s)).toEqual(["T12", "L4", "L4/L5", "L5", "S1"]);
  });
});

describe("levelLabels", () => {
  const geometry: ViewportGeometry = {
    canvasWidth: 512,
    canvasHeight: 512,
    columns: 256,
    rows: 256,
    rowPixelSpacing: 0.5,
    columnPixelSpacing: 0.5,
    scale: 2,
    translation: { x: 0, y: 0 },
    rotation: 0,
    hflip: false,
    vflip: false,
  };

  it("places the landmarks of the displayed frame on the canvas, highlighted ones last", () => {
    const img = image("m", { frames: 2, landmarks: [lm("L4", 128, 100, 0), lm("L4/L5", 130, 120, 0), lm("L5", 131, 140, 1)] });
    const labels = levelLabels({ image: img, frame: 0 }, geometry, ["L4/L5"]);
    expect(labels).toEqual([
      { level: "L4", x: 256, y: 200, emphasis: "adjacent", kind: "vertebra" },
      { level: "L4/L5", x: 260, y: 240, emphasis: "primary", kind: "disc" },
    ]);
  });

  it("drops labels panned off the canvas", () => {
    const img = image("m", { landmarks: [lm("L1", 10, 10), lm("L2", 128, 128)] });
    const panned = { ...geometry, translation: { x: -100, y: 0 } };
    expect(levelLabels({ image: img, frame: 0 }, panned, []).map((l) => l.level)).toEqual(["L2"]);
  });

  it("is empty before anything is displayed", () => {
    expect(levelLabels(null, geometry, [])).toEqual([]);
    expect(levelLabels({ image: image("a"), frame: 0 }, null, [])).toEqual([]);
  });
});

describe("focusing a level", () => {
  // A sagittal stack: the disc L4/L5 is annotated on slices 5–9, L4 alone on slices 3–10.
  const stack = Array.from({ length: 15 }, (_, i) =>
    image(`s${i}`, {
      instanceNumber: i + 1,
      landmarks: [...(i >= 3 && i <= 10 ? [lm("L4")] : []), ...(i >= 5 && i <= 9 ? [lm("L4/L5")] : []), ...(i === 7 ? [lm("L5")] : [])],
    }),
  );
  const entries = stackEntries(series(stack), ORIGIN);

  it("scrolls to the nearest slice that has the level", () => {
    expect(nearestSliceWithLevel(entries, "L4/L5", 0)).toBe(5);
    expect(nearestSliceWithLevel(entries, "L4-5", 14)).toBe(9);
    expect(nearestSliceWithLevel(entries, "L4/L5", 7)).toBe(7);
  });

  it("falls back to a disc's vertebrae, and answers -1 when the level is nowhere", () => {
    expect(nearestSliceWithLevel(entries, "L5/S1", 0)).toBe(7); // L5 only on slice 7 (S1 nowhere)
    expect(nearestSliceWithLevel(entries, "C5", 0)).toBe(-1);
  });

  it("opens a stack on the best-annotated slice near the middle", () => {
    expect(initialSliceIndex(entries)).toBe(7);
    expect(initialSliceIndex(stackEntries(series([image("a"), image("b"), image("c")]), ORIGIN))).toBe(1);
    expect(initialSliceIndex(stackEntries(series([image("a")]), ORIGIN))).toBe(0);
  });

  it("picks the series that shows a level, preferring the current one", () => {
    const xray = series([image("x", { landmarks: [lm("L4/L5"), lm("C5")] })], { id: "xr" });
    const mr = series(stack, { id: "mr" });
    expect(seriesForLevel([xray, mr], "L4/L5", "mr")).toBe("mr");
    expect(seriesForLevel([xray, mr], "C5", "mr")).toBe("xr");
    expect(seriesForLevel([xray, mr], "T1", "mr")).toBeNull();
  });
});

describe("displayability and load errors", () => {
  it("accepts PNG, decodable DICOM and DICOM without a recorded syntax", () => {
    expect(displayability(image("p", { format: "png", transferSyntaxUid: null }))).toEqual({ ok: true });
    expect(displayability(image("d", { transferSyntaxUid: "1.2.840.10008.1.2.4.90" }))).toEqual({ ok: true });
    expect(displayability(image("d", { transferSyntaxUid: null }))).toEqual({ ok: true });
  });

  it("refuses a syntax the browser cannot decode and names it", () => {
    const r = displayability(image("h", { transferSyntaxUid: "1.2.840.10008.1.2.4.201", transferSyntaxName: "High-Throughput JPEG 2000 (Lossless Only)" }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain("High-Throughput JPEG 2000 (Lossless Only) (1.2.840.10008.1.2.4.201)");
  });

  it("turns loader failures into sentences", () => {
    const dicom = image("d", { transferSyntaxUid: "1.2.840.10008.1.2.5", transferSyntaxName: "RLE Lossless" });
    expect(describeLoadError({ request: { status: 401 } }, dicom)).toMatch(/sign in again/i);
    expect(describeLoadError({ status: 404 }, dicom)).toMatch(/not found/);
    expect(describeLoadError({ error: { status: 503 } }, dicom)).toContain("HTTP 503");
    expect(describeLoadError(new Error("no decoder"), dicom)).toBe("This DICOM image could not be decoded (RLE Lossless): no decoder");
    expect(describeLoadError("boom", image("p", { format: "png" }))).toBe("This PNG image could not be decoded: boom");
    expect(describeLoadError(undefined, null)).toBe("The image could not be loaded.");
  });
});
