// Generated demo/test images: real DICOM Part 10 files (written with dcmjs) and PNGs of a spine phantom whose level
// landmarks are true by construction (see phantom.ts). Deterministic: the same options give the same bytes.
// None of these files carries patient identity (PatientName/PatientID are present but empty, as type 2 allows,
// and PatientIdentityRemoved = YES) except syntheticWithPhi, which exists to exercise the de-identification gate.
import dcmjs from "dcmjs";
import type { DicomTagDict, NaturalDataset } from "dcmjs";
import { PNG } from "pngjs";
import {
  buildSpine,
  curveByRow,
  drawRoundedRect,
  noiseSource,
  posteriorArch,
  round2,
  smoothstep,
  toPixel,
  type Disc,
  type Placement,
  type SpineModel,
  type Vertebra,
} from "./phantom";
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME, uidForName } from "./uid";

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

export const SOP_CLASS = {
  ComputedRadiography: "1.2.840.10008.5.1.4.1.1.1",
  MR: "1.2.840.10008.5.1.4.1.1.4",
  MultiFrameGrayscaleWordSecondaryCapture: "1.2.840.10008.5.1.4.1.1.7.3",
} as const;

const EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

export interface Landmark {
  /** "C2" … "S1" for vertebral bodies, "L4/L5" for discs. */
  level: string;
  /** Column and row in image pixels (pixel centres at integer coordinates). */
  x: number;
  y: number;
}

export interface SyntheticHeaderInfo {
  modality: string;
  sopClassUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  rows: number;
  columns: number;
  /** [row spacing, column spacing], mm. */
  pixelSpacing: [number, number];
  windowCenter: number;
  windowWidth: number;
}

export interface SyntheticImage {
  buffer: Buffer;
  sopInstanceUid: string;
  /** Vertebral body centres, cranial to caudal. */
  landmarks: Landmark[];
  /** Disc centres, cranial to caudal. */
  discLandmarks: Landmark[];
  header: SyntheticHeaderInfo;
}

interface CommonOptions {
  /** Varies the phantom (sizes, curvature) and the noise. Default 1. */
  seed?: number;
  /** Files with the same caseId share a StudyInstanceUID. Default `synthetic-<seed>`. */
  caseId?: string;
  /** DICOM date (YYYYMMDD) for study, series and content; fixed so output is reproducible. */
  studyDate?: string;
}

export interface XrayOptions extends CommonOptions {
  rows?: number;
  columns?: number;
}

export interface MrStackOptions extends CommonOptions {
  /** Number of sagittal slices. Default 15. */
  slices?: number;
  /** Rows = columns. Default 256. */
  size?: number;
  /** Slice spacing = thickness, mm. Default 4. */
  sliceSpacing?: number;
  /** Discs drawn desiccated (dark and thin on T2), e.g. ["L5/S1"]. Default ["L5/S1"]. */
  degeneratedDiscs?: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// DICOM writing

/** A DS value: at most 16 characters, no exponent, no trailing zeros. */
function ds(v: number, decimals = 4): string {
  let s = v.toFixed(decimals);
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  if (s === "-0") s = "0";
  if (s.length > 16) throw new RangeError(`DS value too long: ${s}`);
  return s;
}

function assertKnownKeywords(dataset: NaturalDataset): void {
  // dcmjs drops keywords it does not know with only a console warning; a typo would silently lose an attribute.
  for (const key of Object.keys(dataset)) {
    if (key === "_vrMap" || key === "_meta") continue;
    if (!DicomMetaDictionary.nameMap[key]) throw new Error(`unknown DICOM keyword in synthetic data set: ${key}`);
    const value = dataset[key];
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item && typeof item === "object" && !(item instanceof ArrayBuffer)) assertKnownKeywords(item as NaturalDataset);
      }
    }
  }
}

function writePart10(dataset: NaturalDataset, patch?: (dict: DicomTagDict) => void): Buffer {
  assertKnownKeywords(dataset);
  const meta: NaturalDataset = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
    _vrMap: { FileMetaInformationVersion: "OB" },
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  patch?.(dict.dict);
  return Buffer.from(dict.write());
}

interface Identity {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
}

function identity(kind: string, o: CommonOptions): Identity & { seed: number; caseId: string; date: string } {
  const seed = o.seed ?? 1;
  const caseId = o.caseId ?? `synthetic-${seed}`;
  return {
    seed,
    caseId,
    date: o.studyDate ?? "20250101",
    studyInstanceUid: uidForName(`spinemed-synthetic:${caseId}:study`),
    seriesInstanceUid: uidForName(`spinemed-synthetic:${caseId}:${kind}:${seed}:series`),
    frameOfReferenceUid: uidForName(`spinemed-synthetic:${caseId}:${kind}:${seed}:frame-of-reference`),
  };
}

/** Patient, study and equipment attributes every generated file shares; identity attributes present but empty. */
function commonAttributes(id: Identity & { date: string }, sopClassUid: string, sopInstanceUid: string): NaturalDataset {
  return {
    SpecificCharacterSet: "ISO_IR 192",
    SOPClassUID: sopClassUid,
    SOPInstanceUID: sopInstanceUid,
    StudyDate: id.date,
    StudyTime: "120000",
    SeriesDate: id.date,
    SeriesTime: "120000",
    ContentDate: id.date,
    ContentTime: "120000",
    AccessionNumber: "",
    ReferringPhysicianName: "",
    Manufacturer: "SpineMed Review",
    ManufacturerModelName: "Synthetic spine phantom",
    SoftwareVersions: "1",
    PatientName: "",
    PatientID: "",
    PatientBirthDate: "",
    PatientSex: "O",
    PatientIdentityRemoved: "YES",
    DeidentificationMethod: "Synthetic image: no patient",
    StudyInstanceUID: id.studyInstanceUid,
    SeriesInstanceUID: id.seriesInstanceUid,
    StudyID: "",
    ImageComments: "SYNTHETIC PHANTOM IMAGE - NOT A PATIENT",
    BurnedInAnnotation: "NO",
  };
}

function pixelAttributes(rows: number, columns: number, pixels: Uint16Array, bitsStored: number): NaturalDataset {
  return {
    SamplesPerPixel: 1,
    PhotometricInterpretation: "MONOCHROME2",
    Rows: rows,
    Columns: columns,
    BitsAllocated: 16,
    BitsStored: bitsStored,
    HighBit: bitsStored - 1,
    PixelRepresentation: 0,
    PixelData: [pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + pixels.byteLength)],
  };
}

function landmarksOf(items: (Vertebra | Disc)[], p: Placement): Landmark[] {
  return items.map((v) => {
    const px = toPixel(p, v.x, v.y);
    return { level: v.level, x: round2(px.x), y: round2(px.y) };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Lateral radiograph

const XRAY = {
  air: 140,
  soft: 1150,
  lung: 620,
  bodyAdd: 1350,
  cortexAdd: 550,
  posteriorAdd: 650,
  skull: 1700,
  noise: 30,
  windowCenter: 2000,
  windowWidth: 3600,
  bitsStored: 12,
};

interface XrayRender {
  pixels: Uint16Array;
  rows: number;
  columns: number;
  spacing: number;
  landmarks: Landmark[];
  discLandmarks: Landmark[];
}

function renderLateralXrayUncached(model: SpineModel, rows: number, columns: number, seed: number): XrayRender {
  const last = model.curve[model.curve.length - 1];
  // Life-size anatomy: pick the spacing that fits C2–S1 into 84 % of the height, rounded to what DS will store.
  const spacing = Number(ds(last.y / (rows * 0.84), 3));
  const meanX = model.vertebrae.reduce((a, v) => a + v.x, 0) / model.vertebrae.length;
  const p: Placement = {
    spacing,
    col0: columns * 0.45 - meanX / spacing,
    row0: (rows - last.y / spacing) * 0.62,
  };
  const img = new Float32Array(rows * columns);
  const byRow = curveByRow(model, p, rows);
  const v = model.vertebrae;
  const yOf = (level: string) => v.find((x) => x.level === level)!.y;
  const neckEnd = yOf("C7");
  const chestStart = yOf("T1") - 10;
  const chestEnd = yOf("T11");
  const lungMid = (chestStart + chestEnd) / 2;
  const lungHalf = (chestEnd - chestStart) / 2;

  for (let r = 0; r < rows; r++) {
    const y = (r - p.row0) * spacing;
    const xc = byRow[r].x;
    // Body outline around the spine: neck, chest, abdomen, pelvis (mm anterior/posterior of the curve).
    const ant = 75 + 130 * smoothstep(neckEnd - 20, chestStart + 30, y) - 20 * smoothstep(chestEnd, chestEnd + 120, y);
    const post = 55 + 25 * smoothstep(neckEnd - 20, chestStart + 40, y);
    const ly = (y - lungMid) / lungHalf;
    const lungRow = Math.abs(ly) < 1.3 ? Math.exp(-(ly ** 6)) : 0;
    const head = y < 0 ? (y + 95) / 85 : 2;
    const row = r * columns;
    const lungWidth = (ant - 50) / 2;
    const lungCentre = -(ant + 30) / 2;
    for (let c = 0; c < columns; c++) {
      const w = (c - p.col0) * spacing - xc;
      // Outside the body outline ± its soft edge: air, without evaluating anything else.
      let body = w <= -ant - 6 || w >= post + 6 ? 0 : w >= -ant + 6 && w <= post - 6 ? 1 : smoothstep(-ant - 6, -ant + 6, w) * (1 - smoothstep(post - 6, post + 6, w));
      let skull = 0;
      if (head < 1.2) {
        // Skull base above C2: the head's soft tissue with a bony shell.
        const ex = (w + 25) / 95;
        const d = Math.sqrt(ex * ex + head * head);
        if (d < 1.1) {
          body = Math.max(body, 1 - smoothstep(1.0, 1.06, d));
          skull = 350 * (1 - smoothstep(0.96, 1.0, d)) + 600 * Math.exp(-(((d - 0.95) / 0.03) ** 2));
        }
      }
      let value = XRAY.air + (XRAY.soft - XRAY.air) * body + skull;
      if (lungRow > 0.001) {
        // Air in the lungs in front of the thoracic spine.
        const lx = (w - lungCentre) / lungWidth;
        if (lx > -1.6 && lx < 1.6) value -= (XRAY.soft - XRAY.lung) * lungRow * Math.exp(-(lx ** 6));
      }
      img[row + c] = value;
    }
  }

  for (const vb of model.vertebrae) {
    const sacrum = vb.level === "S1";
    drawRoundedRect(
      img,
      columns,
      rows,
      p,
      { x: vb.x, y: vb.y, angle: vb.angle, halfDepth: vb.depth / 2, halfHeight: vb.height / 2, radius: sacrum ? 6 : 2.5 },
      { inner: XRAY.bodyAdd, rim: XRAY.cortexAdd, rimWidth: 1.6, edge: 0.9, mode: "add" },
    );
    const region = vb.level[0];
    const canal = region === "C" ? 14 : region === "T" ? 13 : 16;
    // Pedicle bridging body and posterior arch, then the arch with its spinous process (fainter than the body).
    const pw = vb.depth / 2 + canal / 2;
    drawRoundedRect(
      img,
      columns,
      rows,
      p,
      {
        x: vb.x + pw * Math.cos(vb.angle),
        y: vb.y - pw * Math.sin(vb.angle),
        angle: vb.angle,
        halfDepth: canal / 2 + 1.5,
        halfHeight: vb.height * 0.18,
        radius: 2,
      },
      { inner: XRAY.posteriorAdd * 0.55, rim: 0, rimWidth: 1, edge: 1.2, mode: "add" },
    );
    const length = region === "C" ? 20 : region === "T" ? 32 : region === "L" ? 28 : 18;
    const slant = region === "T" ? 0.7 : region === "C" ? 0.2 : 0.3;
    drawRoundedRect(
      img,
      columns,
      rows,
      p,
      posteriorArch(vb, canal, length, slant),
      { inner: XRAY.posteriorAdd, rim: 150, rimWidth: 1.5, edge: 1.2, mode: "add" },
      sacrum ? 0.6 : 1,
    );
  }

  const noise = noiseSource(seed ^ 0x0a11ce);
  const max = (1 << XRAY.bitsStored) - 1;
  const pixels = new Uint16Array(img.length);
  for (let i = 0; i < img.length; i++) {
    const value = Math.round(img[i] + XRAY.noise * noise());
    pixels[i] = value < 0 ? 0 : value > max ? max : value;
  }

  return {
    pixels,
    rows,
    columns,
    spacing,
    landmarks: landmarksOf(model.vertebrae, p),
    discLandmarks: landmarksOf(model.discs, p),
  };
}

// The DICOM and PNG versions of one radiograph are usually generated together: render once.
let lastXray: { key: string; render: XrayRender } | null = null;

function renderLateralXray(seed: number, rows: number, columns: number): XrayRender {
  const key = `${seed}:${rows}:${columns}`;
  if (lastXray?.key !== key) {
    lastXray = { key, render: renderLateralXrayUncached(buildSpine(seed), rows, columns, seed) };
  }
  return lastXray.render;
}

/**
 * A lateral full-spine radiograph (CR, 16-bit MONOCHROME2, 12 bits stored) with the vertebral bodies C2–S1 along
 * the sagittal curves. Computed Radiography is used rather than DX because the DX IOD requires a detector and
 * acquisition description that a phantom cannot truthfully provide.
 */
export function syntheticLateralXray(opts: XrayOptions = {}): SyntheticImage {
  const id = identity("xray-lateral", opts);
  const rows = opts.rows ?? 1024;
  const columns = opts.columns ?? 512;
  const render = renderLateralXray(id.seed, rows, columns);
  const sopInstanceUid = uidForName(`spinemed-synthetic:${id.caseId}:xray-lateral:${id.seed}:${rows}x${columns}:instance`);
  const spacing = ds(render.spacing, 3);
  const dataset: NaturalDataset = {
    ...commonAttributes(id, SOP_CLASS.ComputedRadiography, sopInstanceUid),
    ImageType: ["DERIVED", "PRIMARY", "SYNTHETIC"],
    Modality: "CR",
    SeriesDescription: "Lateral spine (synthetic)",
    SeriesNumber: "1",
    InstanceNumber: "1",
    BodyPartExamined: "SPINE",
    ViewPosition: "LL",
    PatientOrientation: ["A", "F"],
    ImagerPixelSpacing: [spacing, spacing],
    PixelSpacing: [spacing, spacing],
    KVP: "90",
    WindowCenter: ds(XRAY.windowCenter),
    WindowWidth: ds(XRAY.windowWidth),
    LossyImageCompression: "00",
    PresentationLUTShape: "IDENTITY",
    ...pixelAttributes(rows, columns, render.pixels, XRAY.bitsStored),
    _vrMap: { PixelData: "OW" },
  };
  return {
    buffer: writePart10(dataset),
    sopInstanceUid,
    landmarks: render.landmarks,
    discLandmarks: render.discLandmarks,
    header: {
      modality: "CR",
      sopClassUid: SOP_CLASS.ComputedRadiography,
      studyInstanceUid: id.studyInstanceUid,
      seriesInstanceUid: id.seriesInstanceUid,
      rows,
      columns,
      pixelSpacing: [render.spacing, render.spacing],
      windowCenter: XRAY.windowCenter,
      windowWidth: XRAY.windowWidth,
    },
  };
}

export interface SyntheticPng {
  buffer: Buffer;
  width: number;
  height: number;
  landmarks: Landmark[];
  discLandmarks: Landmark[];
  /** mm per pixel of the rendering (a PNG cannot carry it; the importer may record it). */
  pixelSpacing: [number, number];
}

/** The lateral radiograph as an 8-bit grayscale PNG, windowed as the DICOM version says, same landmarks. */
export function syntheticPngXray(opts: XrayOptions = {}): SyntheticPng {
  const seed = opts.seed ?? 1;
  const rows = opts.rows ?? 1024;
  const columns = opts.columns ?? 512;
  const render = renderLateralXray(seed, rows, columns);
  const gray = Buffer.alloc(rows * columns);
  const wc = XRAY.windowCenter;
  const ww = XRAY.windowWidth;
  for (let i = 0; i < gray.length; i++) {
    // The linear VOI function of PS3.3 C.11.2.1.2.1.
    const t = (render.pixels[i] - (wc - 0.5)) / (ww - 1) + 0.5;
    gray[i] = t <= 0 ? 0 : t >= 1 ? 255 : Math.round(t * 255);
  }
  const png = new PNG({ width: columns, height: rows, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = gray;
  return {
    buffer: PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 }),
    width: columns,
    height: rows,
    landmarks: render.landmarks,
    discLandmarks: render.discLandmarks,
    pixelSpacing: [render.spacing, render.spacing],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Sagittal T2 MR

const MR = {
  fat: 780,
  muscle: 250,
  abdomen: 420,
  marrow: 520,
  cortex: -380,
  nucleus: 1180,
  annulus: -760,
  desiccated: 330,
  csf: 1380,
  cord: 540,
  flowVoid: 40,
  noise: 12,
  windowCenter: 600,
  windowWidth: 1300,
  bitsStored: 12,
};

const MR_LEVELS = ["T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5", "S1"];

interface MrGeometry {
  model: SpineModel;
  p: Placement;
  vertebrae: Vertebra[];
  discs: Disc[];
}

function mrGeometry(seed: number, size: number): MrGeometry {
  const model = buildSpine(seed);
  const vertebrae = model.vertebrae.filter((v) => MR_LEVELS.includes(v.level));
  const discs = model.discs.filter((d) => MR_LEVELS.includes(d.level.split("/")[0]));
  const top = vertebrae[0].y - vertebrae[0].height / 2;
  const bottom = vertebrae[vertebrae.length - 1].y + vertebrae[vertebrae.length - 1].height / 2;
  const spacing = Number(ds((bottom - top) / (size * 0.84), 4));
  const meanX = vertebrae.reduce((a, v) => a + v.x, 0) / vertebrae.length;
  const p: Placement = {
    spacing,
    col0: size * 0.5 - meanX / spacing,
    row0: size / 2 - (top + bottom) / 2 / spacing,
  };
  return { model, p, vertebrae, discs };
}

/** How much of a structure of half-width `hw` (mm, left-right) a sagittal slice at `x` cuts: 1 at midline. */
function visibility(x: number, hw: number): number {
  const t = 1 - (x / hw) ** 2;
  return t > 0 ? Math.sqrt(t) : 0;
}

/** Landmarks are reported on a slice when the body (or disc) is at least half as wide there as at midline. */
const LANDMARK_VISIBILITY = 0.5;

function renderSagittalT2(
  g: MrGeometry,
  size: number,
  x: number,
  degenerated: Set<string>,
  noiseSeed: number,
): { pixels: Uint16Array; landmarks: Landmark[]; discLandmarks: Landmark[] } {
  const { p, vertebrae, discs } = g;
  const img = new Float32Array(size * size);
  const byRow = curveByRow(g.model, p, size);
  const vs = g.model.vertebrae;
  const depthAt = (y: number) => {
    if (y <= vs[0].y) return vs[0].depth;
    for (let i = 0; i < vs.length - 1; i++) {
      if (y <= vs[i + 1].y) return vs[i].depth + ((vs[i + 1].depth - vs[i].depth) * (y - vs[i].y)) / (vs[i + 1].y - vs[i].y);
    }
    return vs[vs.length - 1].depth;
  };
  const conus = vs.find((v) => v.level === "L1")!;
  const conusY = conus.y + conus.height / 2;
  const l4 = vs.find((v) => v.level === "L4")!;
  const csfVis = visibility(x, 11);
  const cordVis = visibility(x, 5);
  const midlineVis = visibility(x, 22);
  // The aorta runs left of the midline (patient left = +x) down to its bifurcation at L4.
  const aortaVis = Math.exp(-(((x - 14) / 7) ** 2));

  // A faint, smooth pattern in the abdomen so it does not look like a flat fill.
  const textureCol = Float32Array.from({ length: size }, (_, c) => Math.sin(c * 0.09));
  for (let r = 0; r < size; r++) {
    const textureRow = Math.sin(r * 0.07 + 1);
    const y = (r - p.row0) * p.spacing;
    const xc = byRow[r].x;
    const hd = depthAt(y) / 2;
    const canal = y < conusY ? 14 : 16;
    const muscleEnd = hd + canal + 60;
    const cordHalf = 4 * (1 - smoothstep(conusY - 15, conusY, y));
    const row = r * size;
    for (let c = 0; c < size; c++) {
      const w = (c - p.col0) * p.spacing - xc;
      let v: number;
      if (w > muscleEnd + 20) v = 0;
      else if (w > muscleEnd) v = MR.fat;
      else if (w > -hd) v = MR.muscle; // paraspinal muscles behind, psoas beside the bodies
      else v = MR.abdomen + 30 * textureCol[c] * textureRow;
      // Prevertebral fat stripe and aorta (flow void).
      if (w < -hd && w > -hd - 4) v += (MR.fat * 0.7 - v) * midlineVis;
      if (aortaVis > 0.01 && y < l4.y && w < -hd - 6 && w > -hd - 28) v += (MR.flowVoid - v) * aortaVis;
      // Thecal sac (bright CSF) and the cord above the conus; nerve roots of the cauda equina below.
      if (csfVis > 0 && w > hd + 1 && w < hd + canal) {
        const edge = smoothstep(hd + 1, hd + 2.5, w) * (1 - smoothstep(hd + canal - 1.5, hd + canal, w));
        v += (MR.csf - v) * edge * csfVis;
        const mid = hd + canal / 2;
        if (cordHalf > 0.3 && Math.abs(w - mid) < cordHalf) v += (MR.cord - v) * cordVis;
        else if (y >= conusY && Math.abs(Math.sin((w - mid) * 1.9)) < 0.12) v -= 250 * csfVis;
      }
      img[row + c] = v;
    }
  }

  for (const vb of vs) {
    const canal = vb.level.startsWith("T") ? 14 : 16;
    // Spinous process at the midline; facet joints in para-sagittal slices.
    drawRoundedRect(
      img,
      size,
      size,
      p,
      posteriorArch(vb, canal, vb.level.startsWith("T") ? 32 : 28, vb.level.startsWith("T") ? 0.6 : 0.3),
      { inner: MR.marrow * 0.85, rim: MR.cortex * 0.6, rimWidth: 1.5, edge: 1, mode: "replace" },
      visibility(x, 6),
    );
    const facet = Math.exp(-(((Math.abs(x) - 16) / 5) ** 2));
    const wf = vb.depth / 2 + canal * 0.8;
    drawRoundedRect(
      img,
      size,
      size,
      p,
      {
        x: vb.x + wf * Math.cos(vb.angle),
        y: vb.y - wf * Math.sin(vb.angle) + vb.height * 0.3,
        angle: vb.angle,
        halfDepth: 9,
        halfHeight: vb.height * 0.45,
        radius: 4,
      },
      { inner: MR.marrow * 0.9, rim: MR.cortex * 0.5, rimWidth: 1.5, edge: 1, mode: "replace" },
      facet,
    );
  }
  for (const d of g.model.discs) {
    const dry = degenerated.has(d.level);
    drawRoundedRect(
      img,
      size,
      size,
      p,
      { x: d.x, y: d.y, angle: d.angle, halfDepth: d.depth / 2 - 0.5, halfHeight: (d.height * (dry ? 0.7 : 1)) / 2 + 0.6, radius: 2.5 },
      { inner: dry ? MR.desiccated : MR.nucleus, rim: dry ? -80 : MR.annulus, rimWidth: 3, edge: 0.8, mode: "replace", rimAcrossOnly: true },
      visibility(x, d.halfWidth),
    );
  }
  for (const vb of vs) {
    drawRoundedRect(
      img,
      size,
      size,
      p,
      { x: vb.x, y: vb.y, angle: vb.angle, halfDepth: vb.depth / 2, halfHeight: vb.height / 2, radius: vb.level === "S1" ? 6 : 2.5 },
      { inner: MR.marrow, rim: MR.cortex, rimWidth: 1.4, edge: 0.8, mode: "replace" },
      visibility(x, vb.halfWidth),
    );
  }

  // Receive-coil shading (posterior spine coil) and Rician noise, as magnitude images have.
  const noise = noiseSource(noiseSeed);
  const max = (1 << MR.bitsStored) - 1;
  const pixels = new Uint16Array(img.length);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const i = r * size + c;
      const re = img[i] * (0.72 + 0.4 * (c / size)) + MR.noise * noise();
      const im = MR.noise * noise();
      const value = Math.round(Math.sqrt(re * re + im * im));
      pixels[i] = value > max ? max : value;
    }
  }

  const seenV = vertebrae.filter((v) => visibility(x, v.halfWidth) >= LANDMARK_VISIBILITY);
  const seenD = discs.filter((d) => visibility(x, d.halfWidth) >= LANDMARK_VISIBILITY);
  return {
    pixels,
    landmarks: landmarksOf(seenV, p),
    discLandmarks: landmarksOf(seenD, p),
  };
}

export interface SyntheticSlice {
  buffer: Buffer;
  instanceNumber: number;
  sopInstanceUid: string;
  /** mm along the slice normal (−x in patient coordinates; see ImageOrientationPatient). */
  sliceLocation: number;
  /** Vertebral body centres seen on this slice (none on far lateral slices). */
  landmarks: Landmark[];
  discLandmarks: Landmark[];
}

export interface SyntheticMrStack {
  files: SyntheticSlice[];
  /** Landmarks per slice, in instance order (the same as files[i].landmarks). */
  landmarks: { instanceNumber: number; landmarks: Landmark[] }[];
  header: SyntheticHeaderInfo;
}

// Sagittal orientation: rows run anterior → posterior (+y), columns superior → inferior (−z), LPS.
const SAGITTAL_IOP = ["0", "1", "0", "0", "0", "-1"];

function mrAcquisitionAttributes(): NaturalDataset {
  return {
    ScanningSequence: ["SE"],
    SequenceVariant: ["SK"],
    ScanOptions: "",
    MRAcquisitionType: "2D",
    SequenceName: "tse2d1_16",
    RepetitionTime: "3500",
    EchoTime: "100",
    EchoTrainLength: "16",
    NumberOfAverages: "2",
    ImagingFrequency: "63.87",
    ImagedNucleus: "1H",
    MagneticFieldStrength: "1.5",
    PatientPosition: "HFS",
  };
}

/**
 * A sagittal T2-weighted lumbar MR series (T10–S1): N slices of MR Image Storage sharing one series and frame of
 * reference. Bodies are intermediate, healthy discs and CSF bright, the cord grey above the conus; structures fade
 * as the slices leave the midline, and landmarks are given only where a body is seen.
 */
export function syntheticSagittalMrStack(opts: MrStackOptions = {}): SyntheticMrStack {
  const id = identity("mr-sag-t2", opts);
  const n = opts.slices ?? 15;
  const size = opts.size ?? 256;
  const gap = opts.sliceSpacing ?? 4;
  const degenerated = new Set(opts.degeneratedDiscs ?? ["L5/S1"]);
  const g = mrGeometry(id.seed, size);
  const spacing = ds(g.p.spacing, 4);
  const y0 = -(size / 2) * g.p.spacing;
  const z0 = (size / 2) * g.p.spacing;

  const files: SyntheticSlice[] = [];
  for (let i = 0; i < n; i++) {
    const sliceLocation = (i - (n - 1) / 2) * gap;
    const x = -sliceLocation;
    const render = renderSagittalT2(g, size, x, degenerated, (id.seed * 7919 + i) ^ 0x3a7);
    const instanceNumber = i + 1;
    const sopInstanceUid = uidForName(`spinemed-synthetic:${id.caseId}:mr-sag-t2:${id.seed}:${n}:${size}:${i}`);
    const dataset: NaturalDataset = {
      ...commonAttributes(id, SOP_CLASS.MR, sopInstanceUid),
      ImageType: ["DERIVED", "PRIMARY", "SYNTHETIC"],
      Modality: "MR",
      SeriesDescription: "SAG T2 TSE (synthetic)",
      ProtocolName: "SAG T2 lumbar",
      SeriesNumber: "2",
      InstanceNumber: String(instanceNumber),
      BodyPartExamined: "LSPINE",
      FrameOfReferenceUID: id.frameOfReferenceUid,
      PositionReferenceIndicator: "",
      ...mrAcquisitionAttributes(),
      SliceThickness: ds(gap),
      SpacingBetweenSlices: ds(gap),
      PixelSpacing: [spacing, spacing],
      ImageOrientationPatient: SAGITTAL_IOP,
      ImagePositionPatient: [ds(x), ds(y0), ds(z0)],
      SliceLocation: ds(sliceLocation),
      WindowCenter: ds(MR.windowCenter),
      WindowWidth: ds(MR.windowWidth),
      LossyImageCompression: "00",
      ...pixelAttributes(size, size, render.pixels, MR.bitsStored),
      _vrMap: { PixelData: "OW" },
    };
    files.push({
      buffer: writePart10(dataset),
      instanceNumber,
      sopInstanceUid,
      sliceLocation,
      landmarks: render.landmarks,
      discLandmarks: render.discLandmarks,
    });
  }
  return {
    files,
    landmarks: files.map((f) => ({ instanceNumber: f.instanceNumber, landmarks: f.landmarks })),
    header: {
      modality: "MR",
      sopClassUid: SOP_CLASS.MR,
      studyInstanceUid: id.studyInstanceUid,
      seriesInstanceUid: id.seriesInstanceUid,
      rows: size,
      columns: size,
      pixelSpacing: [g.p.spacing, g.p.spacing],
      windowCenter: MR.windowCenter,
      windowWidth: MR.windowWidth,
    },
  };
}

export interface SyntheticMultiFrame {
  buffer: Buffer;
  sopInstanceUid: string;
  frames: number;
  /** Landmarks per frame (index 0 = first frame). */
  frameLandmarks: Landmark[][];
  header: SyntheticHeaderInfo;
}

export interface MultiFrameOptions extends CommonOptions {
  frames?: number;
  size?: number;
}

/**
 * A small multi-frame image (Multi-frame Grayscale Word Secondary Capture): parasagittal T2 frames around the
 * midline, for code paths that must handle NumberOfFrames > 1.
 */
export function syntheticMultiFrame(opts: MultiFrameOptions = {}): SyntheticMultiFrame {
  const id = identity("multiframe", opts);
  const frames = opts.frames ?? 4;
  const size = opts.size ?? 128;
  const g = mrGeometry(id.seed, size);
  const gap = 4;
  const all = new Uint16Array(frames * size * size);
  const frameLandmarks: Landmark[][] = [];
  const locations: string[] = [];
  for (let f = 0; f < frames; f++) {
    const sliceLocation = (f - (frames - 1) / 2) * gap;
    const render = renderSagittalT2(g, size, -sliceLocation, new Set(["L5/S1"]), (id.seed * 7919 + f) ^ 0x77);
    all.set(render.pixels, f * size * size);
    frameLandmarks.push(render.landmarks);
    locations.push(ds(sliceLocation));
  }
  const sopInstanceUid = uidForName(`spinemed-synthetic:${id.caseId}:multiframe:${id.seed}:${frames}:${size}`);
  const spacing = ds(g.p.spacing, 4);
  const dataset: NaturalDataset = {
    ...commonAttributes(id, SOP_CLASS.MultiFrameGrayscaleWordSecondaryCapture, sopInstanceUid),
    ImageType: ["DERIVED", "SECONDARY", "SYNTHETIC"],
    Modality: "MR",
    ConversionType: "SYN",
    SeriesDescription: "SAG T2 multi-frame (synthetic)",
    SeriesNumber: "3",
    InstanceNumber: "1",
    BodyPartExamined: "LSPINE",
    PatientOrientation: ["A", "F"],
    NumberOfFrames: String(frames),
    FrameIncrementPointer: [0x00182005],
    SliceLocationVector: locations,
    PixelSpacing: [spacing, spacing],
    WindowCenter: ds(MR.windowCenter),
    WindowWidth: ds(MR.windowWidth),
    RescaleIntercept: "0",
    RescaleSlope: "1",
    RescaleType: "US",
    PresentationLUTShape: "IDENTITY",
    LossyImageCompression: "00",
    ...pixelAttributes(size, size, all, MR.bitsStored),
    _vrMap: { PixelData: "OW" },
  };
  return {
    buffer: writePart10(dataset),
    sopInstanceUid,
    frames,
    frameLandmarks,
    header: {
      modality: "MR",
      sopClassUid: SOP_CLASS.MultiFrameGrayscaleWordSecondaryCapture,
      studyInstanceUid: id.studyInstanceUid,
      seriesInstanceUid: id.seriesInstanceUid,
      rows: size,
      columns: size,
      pixelSpacing: [g.p.spacing, g.p.spacing],
      windowCenter: MR.windowCenter,
      windowWidth: MR.windowWidth,
    },
  };
}

export interface WithPhiOptions extends CommonOptions {
  /** Writes BurnedInAnnotation = YES (a file the gate must always refuse). */
  burnedInAnnotation?: boolean;
  size?: number;
}

/**
 * A generated file that carries (invented) patient identity where real files do: PatientName, PatientID, birth
 * date, institution, physicians, an OtherPatientIDsSequence, an accession number nested in
 * RequestAttributesSequence, and private elements at the top level and inside a sequence item — to test the gate.
 */
export function syntheticWithPhi(opts: WithPhiOptions = {}): SyntheticImage {
  const id = identity(`with-phi-${opts.burnedInAnnotation ? "burned" : "plain"}`, opts);
  const size = opts.size ?? 64;
  const rows = size * 2;
  const render = renderLateralXray(id.seed, rows, size);
  const sopInstanceUid = uidForName(`spinemed-synthetic:${id.caseId}:with-phi:${id.seed}:${opts.burnedInAnnotation ? 1 : 0}`);
  const spacing = ds(render.spacing, 3);
  const dataset: NaturalDataset = {
    ...commonAttributes(id, SOP_CLASS.ComputedRadiography, sopInstanceUid),
    PatientName: "DOE^JANE^Q",
    PatientID: "MRN0012345",
    PatientBirthDate: "19580312",
    PatientSex: "F",
    PatientAge: "066Y",
    OtherPatientIDsSequence: [{ PatientID: "ALT-778899", TypeOfPatientID: "TEXT" }],
    PatientIdentityRemoved: "NO",
    DeidentificationMethod: undefined,
    AccessionNumber: "ACC20250101",
    InstitutionName: "Example General Hospital",
    InstitutionAddress: "1 Example Street, Springfield",
    ReferringPhysicianName: "SMITH^JOHN",
    OperatorsName: "TECH^ALEX",
    StationName: "XR-ROOM-2",
    StudyID: "S12345",
    RequestAttributesSequence: [{ RequestedProcedureID: "RP-5566", AccessionNumber: "ACC20250101" }],
    ImageType: ["DERIVED", "PRIMARY", "SYNTHETIC"],
    Modality: "CR",
    SeriesDescription: "Lateral spine with identity (synthetic, for gate tests)",
    SeriesNumber: "9",
    InstanceNumber: "1",
    BodyPartExamined: "SPINE",
    ViewPosition: "LL",
    PatientOrientation: ["A", "F"],
    ImagerPixelSpacing: [spacing, spacing],
    WindowCenter: ds(XRAY.windowCenter),
    WindowWidth: ds(XRAY.windowWidth),
    BurnedInAnnotation: opts.burnedInAnnotation ? "YES" : "NO",
    ...pixelAttributes(rows, size, render.pixels, XRAY.bitsStored),
    _vrMap: { PixelData: "OW" },
  };
  const buffer = writePart10(dataset, (dict) => {
    // Private block "SPINEMED_TEST" in group 0009, at the top level and inside a sequence item.
    dict["00090010"] = { vr: "LO", Value: ["SPINEMED_TEST"] };
    dict["00091001"] = { vr: "LO", Value: ["DOE^JANE"] };
    dict["00091002"] = { vr: "SH", Value: ["MRN0012345"] };
    const request = dict["00400275"].Value[0] as DicomTagDict;
    request["00090010"] = { vr: "LO", Value: ["SPINEMED_TEST"] };
    request["00091003"] = { vr: "LO", Value: ["WARD 7"] };
  });
  return {
    buffer,
    sopInstanceUid,
    landmarks: render.landmarks,
    discLandmarks: render.discLandmarks,
    header: {
      modality: "CR",
      sopClassUid: SOP_CLASS.ComputedRadiography,
      studyInstanceUid: id.studyInstanceUid,
      seriesInstanceUid: id.seriesInstanceUid,
      rows,
      columns: size,
      pixelSpacing: [render.spacing, render.spacing],
      windowCenter: XRAY.windowCenter,
      windowWidth: XRAY.windowWidth,
    },
  };
}
