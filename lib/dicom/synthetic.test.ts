import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { parseDicom } from "./parse";
import { findPhi } from "./phi";
import { SPINE_LEVELS } from "./phantom";
import {
  syntheticLateralXray,
  syntheticMultiFrame,
  syntheticPngXray,
  syntheticSagittalMrStack,
  syntheticWithPhi,
  type Landmark,
} from "./synthetic";
import { meanAround, pixels16 } from "./testing/pixels";
import { dciodvfyErrors, dcmdumpErrors } from "./testing/tools";

const xray = syntheticLateralXray();
const mr = syntheticSagittalMrStack();
const middle = mr.files[Math.floor(mr.files.length / 2)];

function expectInsideAndOrdered(landmarks: Landmark[], columns: number, rows: number): void {
  for (const l of landmarks) {
    expect(l.x, l.level).toBeGreaterThan(2);
    expect(l.x, l.level).toBeLessThan(columns - 3);
    expect(l.y, l.level).toBeGreaterThan(2);
    expect(l.y, l.level).toBeLessThan(rows - 3);
  }
  for (let i = 1; i < landmarks.length; i++) {
    expect(landmarks[i].y, landmarks[i].level).toBeGreaterThan(landmarks[i - 1].y);
    expect(SPINE_LEVELS.indexOf(landmarks[i].level)).toBe(SPINE_LEVELS.indexOf(landmarks[i - 1].level) + 1);
  }
}

describe("syntheticLateralXray", () => {
  it("is a CR radiograph that parses, with life-size spacing and no identity", () => {
    const h = parseDicom(xray.buffer);
    expect(h).toMatchObject({
      modality: "CR",
      rows: 1024,
      columns: 512,
      bitsAllocated: 16,
      bitsStored: 12,
      photometricInterpretation: "MONOCHROME2",
      transferSyntaxUid: "1.2.840.10008.1.2.1",
      windowCenter: 2000,
      windowWidth: 3600,
      viewPosition: "LL",
      burnedInAnnotation: false,
      imageType: ["DERIVED", "PRIMARY", "SYNTHETIC"],
    });
    expect(h.pixelSpacing).toEqual(xray.header.pixelSpacing);
    // C2 to S1 is about 60 cm in an adult: the spacing makes it so.
    const [c2, s1] = [xray.landmarks[0], xray.landmarks[xray.landmarks.length - 1]];
    expect((s1.y - c2.y) * h.pixelSpacing![0]).toBeGreaterThan(520);
    expect((s1.y - c2.y) * h.pixelSpacing![0]).toBeLessThan(680);
    expect(findPhi(xray.buffer)).toEqual([]);
  });

  it("passes dciodvfy without errors and dcmdump reads it", () => {
    expect(dciodvfyErrors(xray.buffer)).toEqual([]);
    expect(dcmdumpErrors(xray.buffer)).toEqual({ status: 0, errors: [] });
  });

  it("has the 24 levels C2–S1, inside the image, cranial to caudal", () => {
    expect(xray.landmarks.map((l) => l.level)).toEqual(SPINE_LEVELS);
    expectInsideAndOrdered(xray.landmarks, 512, 1024);
    expect(xray.discLandmarks.map((d) => d.level)).toEqual(SPINE_LEVELS.slice(0, -1).map((l, i) => `${l}/${SPINE_LEVELS[i + 1]}`));
  });

  it("draws a bright vertebral body under every landmark and a darker disc gap between neighbours", () => {
    const px = pixels16(xray.buffer);
    for (let i = 0; i < xray.landmarks.length - 1; i++) {
      const a = xray.landmarks[i];
      const b = xray.landmarks[i + 1];
      const gap = meanAround(px, 512, (a.x + b.x) / 2, (a.y + b.y) / 2);
      expect(meanAround(px, 512, a.x, a.y), `${a.level} vs ${a.level}/${b.level}`).toBeGreaterThan(gap + 600);
      expect(meanAround(px, 512, b.x, b.y), `${b.level} vs ${a.level}/${b.level}`).toBeGreaterThan(gap + 600);
    }
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const again = syntheticLateralXray();
    expect(again.buffer.equals(xray.buffer)).toBe(true);
    const other = syntheticLateralXray({ seed: 7 });
    expect(other.buffer.equals(xray.buffer)).toBe(false);
    expect(other.landmarks).not.toEqual(xray.landmarks);
    expect(other.header.studyInstanceUid).not.toBe(xray.header.studyInstanceUid);
  });
});

describe("syntheticPngXray", () => {
  it("is an 8-bit grayscale PNG of the same radiograph, with the same landmarks, bodies brighter than discs", () => {
    const png = syntheticPngXray();
    expect(png.landmarks).toEqual(xray.landmarks);
    const decoded = PNG.sync.read(png.buffer);
    expect([decoded.width, decoded.height]).toEqual([512, 1024]);
    expect(png.buffer.readUInt8(24)).toBe(8); // IHDR bit depth
    expect(png.buffer.readUInt8(25)).toBe(0); // IHDR colour type: grayscale
    const gray = Uint8Array.from({ length: 512 * 1024 }, (_, i) => decoded.data[i * 4]);
    for (let i = 0; i < png.landmarks.length - 1; i++) {
      const a = png.landmarks[i];
      const b = png.landmarks[i + 1];
      expect(meanAround(gray, 512, a.x, a.y)).toBeGreaterThan(meanAround(gray, 512, (a.x + b.x) / 2, (a.y + b.y) / 2) + 30);
    }
  });
});

describe("syntheticSagittalMrStack", () => {
  it("is one MR series of 15 slices with positions, spacing and T2 acquisition attributes", () => {
    expect(mr.files.map((f) => f.instanceNumber)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const headers = mr.files.map((f) => parseDicom(f.buffer));
    expect(new Set(headers.map((h) => h.seriesInstanceUid)).size).toBe(1);
    expect(new Set(headers.map((h) => h.sopInstanceUid)).size).toBe(15);
    expect(headers[0]).toMatchObject({
      modality: "MR",
      sopClassUid: "1.2.840.10008.5.1.4.1.1.4",
      rows: 256,
      columns: 256,
      sliceThickness: 4,
      imageOrientationPatient: [0, 1, 0, 0, 0, -1],
      seriesDescription: "SAG T2 TSE (synthetic)",
    });
    for (let i = 1; i < headers.length; i++) {
      expect(headers[i].sliceLocation! - headers[i - 1].sliceLocation!).toBeCloseTo(4, 6);
    }
    for (const f of mr.files) expect(findPhi(f.buffer)).toEqual([]);
  });

  it("passes dciodvfy without errors on every slice and dcmdump reads them", () => {
    for (const f of mr.files) {
      expect(dciodvfyErrors(f.buffer), `slice ${f.instanceNumber}`).toEqual([]);
    }
    expect(dcmdumpErrors(middle.buffer)).toEqual({ status: 0, errors: [] });
  });

  it("shows T10–S1 in the middle slices and fewer levels, then none, towards the sides", () => {
    expect(middle.landmarks.map((l) => l.level)).toEqual(["T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5", "S1"]);
    expectInsideAndOrdered(middle.landmarks, 256, 256);
    const counts = mr.files.map((f) => f.landmarks.length);
    expect(counts[0]).toBe(0);
    expect(counts[14]).toBe(0);
    for (let i = 1; i <= 7; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1]);
    for (let i = 7; i < 14; i++) expect(counts[i + 1]).toBeLessThanOrEqual(counts[i]);
    expect(mr.landmarks[7]).toEqual({ instanceNumber: 8, landmarks: middle.landmarks });
  });

  it("draws T2 contrast at the landmarks: healthy discs brighter than the bodies, the degenerated L5/S1 dark", () => {
    const px = pixels16(middle.buffer);
    const v = middle.landmarks;
    for (let i = 0; i < v.length - 1; i++) {
      const disc = meanAround(px, 256, (v[i].x + v[i + 1].x) / 2, (v[i].y + v[i + 1].y) / 2);
      const body = Math.max(meanAround(px, 256, v[i].x, v[i].y), meanAround(px, 256, v[i + 1].x, v[i + 1].y));
      const level = `${v[i].level}/${v[i + 1].level}`;
      if (level === "L5/S1") expect(disc, level).toBeLessThan(body);
      else expect(disc, level).toBeGreaterThan(body + 250);
    }
  });

  it("fades the spine towards lateral slices", () => {
    const l3 = (f: (typeof mr.files)[number]) => {
      const px = pixels16(f.buffer);
      const mid = middle.landmarks.find((l) => l.level === "L3/L4") ?? middle.discLandmarks.find((l) => l.level === "L3/L4")!;
      return meanAround(px, 256, mid.x, mid.y);
    };
    // The L3/L4 disc is bright at the midline and gone in the outermost slice.
    expect(l3(middle)).toBeGreaterThan(l3(mr.files[0]) + 400);
  });

  it("is deterministic", () => {
    const again = syntheticSagittalMrStack();
    expect(again.files.every((f, i) => f.buffer.equals(mr.files[i].buffer))).toBe(true);
  });
});

describe("syntheticMultiFrame", () => {
  it("is a 4-frame image that parses, validates and has landmarks per frame", () => {
    const mf = syntheticMultiFrame();
    const h = parseDicom(mf.buffer);
    expect(h).toMatchObject({ frames: 4, rows: 128, columns: 128, sopClassUid: "1.2.840.10008.5.1.4.1.1.7.3" });
    expect(pixels16(mf.buffer).length).toBe(4 * 128 * 128);
    expect(mf.frameLandmarks).toHaveLength(4);
    for (const frame of mf.frameLandmarks) expect(frame.length).toBeGreaterThan(5);
    expect(dciodvfyErrors(mf.buffer)).toEqual([]);
    expect(findPhi(mf.buffer)).toEqual([]);
  });
});

describe("syntheticWithPhi", () => {
  it("carries the identity the gate must catch, in a file that is otherwise valid", () => {
    const file = syntheticWithPhi();
    const keywords = findPhi(file.buffer).map((f) => f.keyword);
    expect(keywords).toEqual(expect.arrayContaining(["PatientName", "PatientID", "InstitutionName", "PrivateElements", "OtherPatientIDsSequence"]));
    expect(dciodvfyErrors(file.buffer)).toEqual([]);
    expect(parseDicom(syntheticWithPhi({ burnedInAnnotation: true }).buffer).burnedInAnnotation).toBe(true);
  });
});
