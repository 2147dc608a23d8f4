// Header parsing for DICOM import: pure functions over Buffers, no database, no pixel decoding.
//
// dicom-parser is used as the one structural reader of the app (phi.ts walks the same data sets), because it
// parses every transfer syntax we meet — including big endian, deflate and files with odd-length encapsulated
// fragments that dcmjs refuses — and because it never copies or decodes pixel data: a full structural parse of
// a file costs a fraction of a millisecond.
import dicomParser from "dicom-parser";
import type { DataSet, Element } from "dicom-parser";
import { inflateRawSync } from "node:zlib";
import { decodeText, parseCharsets } from "./charset";

export class DicomParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DicomParseError";
  }
}

/** Tags as dicom-parser keys them ("xGGGGEEEE"). Only those this module and phi.ts read. */
export const TAGS = {
  TransferSyntaxUID: "x00020010",
  MediaStorageSOPInstanceUID: "x00020003",
  SpecificCharacterSet: "x00080005",
  ImageType: "x00080008",
  SOPClassUID: "x00080016",
  SOPInstanceUID: "x00080018",
  StudyDate: "x00080020",
  Modality: "x00080060",
  StudyDescription: "x00081030",
  SeriesDescription: "x0008103e",
  BodyPartExamined: "x00180015",
  SliceThickness: "x00180050",
  ViewPosition: "x00185101",
  StudyInstanceUID: "x0020000d",
  SeriesInstanceUID: "x0020000e",
  SeriesNumber: "x00200011",
  InstanceNumber: "x00200013",
  ImagePositionPatient: "x00200032",
  ImageOrientationPatient: "x00200037",
  SliceLocation: "x00201041",
  SamplesPerPixel: "x00280002",
  PhotometricInterpretation: "x00280004",
  NumberOfFrames: "x00280008",
  Rows: "x00280010",
  Columns: "x00280011",
  PixelSpacing: "x00280030",
  ImagerPixelSpacing: "x00181164",
  BitsAllocated: "x00280100",
  BitsStored: "x00280101",
  PixelRepresentation: "x00280103",
  BurnedInAnnotation: "x00280301",
  WindowCenter: "x00281050",
  WindowWidth: "x00281051",
  RescaleIntercept: "x00281052",
  RescaleSlope: "x00281053",
  PixelData: "x7fe00010",
  FloatPixelData: "x7fe00008",
  DoubleFloatPixelData: "x7fe00009",
} as const;

export const TRANSFER_SYNTAX = {
  ImplicitVRLittleEndian: "1.2.840.10008.1.2",
  ExplicitVRLittleEndian: "1.2.840.10008.1.2.1",
  DeflatedExplicitVRLittleEndian: "1.2.840.10008.1.2.1.99",
  ExplicitVRBigEndian: "1.2.840.10008.1.2.2",
} as const;

const TRANSFER_SYNTAX_NAMES: Record<string, string> = {
  "1.2.840.10008.1.2": "Implicit VR Little Endian",
  "1.2.840.10008.1.2.1": "Explicit VR Little Endian",
  "1.2.840.10008.1.2.1.98": "Encapsulated Uncompressed Explicit VR Little Endian",
  "1.2.840.10008.1.2.1.99": "Deflated Explicit VR Little Endian",
  "1.2.840.10008.1.2.2": "Explicit VR Big Endian",
  "1.2.840.10008.1.2.4.50": "JPEG Baseline (Process 1)",
  "1.2.840.10008.1.2.4.51": "JPEG Extended (Process 2 & 4)",
  "1.2.840.10008.1.2.4.57": "JPEG Lossless, Non-Hierarchical (Process 14)",
  "1.2.840.10008.1.2.4.70": "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])",
  "1.2.840.10008.1.2.4.80": "JPEG-LS Lossless",
  "1.2.840.10008.1.2.4.81": "JPEG-LS Lossy (Near-Lossless)",
  "1.2.840.10008.1.2.4.90": "JPEG 2000 (Lossless Only)",
  "1.2.840.10008.1.2.4.91": "JPEG 2000",
  "1.2.840.10008.1.2.4.92": "JPEG 2000 Part 2 Multi-component (Lossless Only)",
  "1.2.840.10008.1.2.4.93": "JPEG 2000 Part 2 Multi-component",
  "1.2.840.10008.1.2.4.201": "High-Throughput JPEG 2000 (Lossless Only)",
  "1.2.840.10008.1.2.4.202": "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)",
  "1.2.840.10008.1.2.4.203": "High-Throughput JPEG 2000",
  "1.2.840.10008.1.2.5": "RLE Lossless",
};

/** A human name for a transfer syntax UID; unknown UIDs are named as such rather than guessed. */
export function transferSyntaxName(uid: string): string {
  return TRANSFER_SYNTAX_NAMES[uid.trim()] ?? `Unknown transfer syntax (${uid.trim()})`;
}

export interface DicomHeader {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
  modality: string | null;
  rows: number | null;
  columns: number | null;
  /** NumberOfFrames, 1 when absent. */
  frames: number;
  samplesPerPixel: number | null;
  bitsAllocated: number | null;
  bitsStored: number | null;
  pixelRepresentation: number | null;
  photometricInterpretation: string | null;
  /** [row spacing, column spacing] in mm. */
  pixelSpacing: [number, number] | null;
  /**
   * Where pixelSpacing came from. ImagerPixelSpacing (CR/DX/XA) is measured at the detector, so distances on
   * the patient are smaller by the geometric magnification; the viewer should say so.
   */
  pixelSpacingSource: "PixelSpacing" | "ImagerPixelSpacing" | null;
  windowCenter: number | null;
  windowWidth: number | null;
  rescaleSlope: number | null;
  rescaleIntercept: number | null;
  transferSyntaxUid: string;
  transferSyntaxName: string;
  instanceNumber: number | null;
  sliceLocation: number | null;
  sliceLocationSource: "SliceLocation" | "ImagePositionPatient" | null;
  imagePositionPatient: [number, number, number] | null;
  imageOrientationPatient: [number, number, number, number, number, number] | null;
  sliceThickness: number | null;
  seriesDescription: string | null;
  seriesNumber: number | null;
  studyDescription: string | null;
  studyDate: string | null;
  bodyPartExamined: string | null;
  viewPosition: string | null;
  imageType: string[];
  /** BurnedInAnnotation: true for YES, false for NO, null when the file does not say. */
  burnedInAnnotation: boolean | null;
  hasPixelData: boolean;
  /** Non-fatal oddities dicom-parser noticed (never contains attribute values). */
  warnings: string[];
}

export interface ReadOptions {
  /**
   * Stop at the pixel data element instead of walking over it. Lets a caller pass only the first part of a big
   * file; the price is that a file truncated inside its pixel data is not detected.
   */
  stopAtPixelData?: boolean;
}

const PREAMBLE_LENGTH = 128;

function hasDicmAt(buf: Uint8Array, offset: number): boolean {
  return (
    buf.length >= offset + 4 &&
    buf[offset] === 0x44 &&
    buf[offset + 1] === 0x49 &&
    buf[offset + 2] === 0x43 &&
    buf[offset + 3] === 0x4d
  );
}

/**
 * A file that starts with "DICM" and a group 0002 element is a Part 10 file whose writer dropped the
 * preamble. Its file meta information still names the transfer syntax, so reading it is safe.
 */
function isPreamblelessPart10(buf: Uint8Array): boolean {
  return hasDicmAt(buf, 0) && buf.length >= 8 && buf[4] === 0x02 && buf[5] === 0x00;
}

/** Heuristic used only to make the refusal message helpful: a bare data set usually opens with group 0008. */
function looksLikeBareDataSet(buf: Uint8Array): boolean {
  if (buf.length < 8) return false;
  const littleEndianGroup8 = buf[0] === 0x08 && buf[1] === 0x00;
  const bigEndianGroup8 = buf[0] === 0x00 && buf[1] === 0x08;
  return littleEndianGroup8 || bigEndianGroup8;
}

/**
 * True for a DICOM Part 10 file: "DICM" at byte 128, or at byte 0 followed by file meta information (a preamble-less
 * Part 10 file). Bare data sets without file meta information are not accepted: their byte order and VR encoding
 * would have to be guessed, and a wrong guess would silently misread every value.
 */
export function isDicom(buf: Uint8Array): boolean {
  return hasDicmAt(buf, PREAMBLE_LENGTH) || isPreamblelessPart10(buf);
}

function messageOf(e: unknown): string {
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  if (e && typeof e === "object" && "exception" in e) return messageOf((e as { exception: unknown }).exception);
  return String(e);
}

const TRUNCATION_HINTS =
  /buffer overrun|past end|cannot be greater than or equal|maxPosition|eof encountered|outside the bounds|missing sequence delimiter|beyond the end/i;

/**
 * Deflated files are parsed here rather than by dicom-parser, whose deflate path restarts at byte 0 of the inflated
 * buffer and reads the preamble and file meta information a second time as bogus data set elements.
 */
function parseDeflated(buf: Uint8Array, meta: DataSet, untilTag: string | undefined): DataSet {
  const position = (meta as DataSet & { position?: number }).position;
  if (typeof position !== "number") throw new DicomParseError("malformed file meta information");
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(buf.subarray(position));
  } catch (e) {
    throw new DicomParseError(`corrupt deflated data set (${messageOf(e)})`);
  }
  // One array with the original header bytes in front keeps every element offset valid for meta and data set alike.
  const whole = new Uint8Array(position + inflated.length);
  whole.set(buf.subarray(0, position), 0);
  whole.set(inflated, position);
  const le = dicomParser.littleEndianByteArrayParser;
  const stream = new dicomParser.ByteStream(le, whole, position);
  const ds = new dicomParser.DataSet(le, whole, {});
  ds.warnings = stream.warnings;
  dicomParser.parseDicomDataSetExplicit(ds, stream, whole.length, untilTag ? { untilTag } : undefined);
  Object.assign(ds.elements, meta.elements);
  return ds;
}

function parseStructure(buf: Uint8Array, untilTag: string | undefined): DataSet {
  const meta = dicomParser.readPart10Header(buf);
  if (meta.string(TAGS.TransferSyntaxUID) === TRANSFER_SYNTAX.DeflatedExplicitVRLittleEndian) {
    return parseDeflated(buf, meta, untilTag);
  }
  return dicomParser.parseDicom(buf, untilTag ? { untilTag } : undefined);
}

/**
 * Parses the structure of a Part 10 file into a dicom-parser DataSet (file meta elements included), or throws a
 * DicomParseError that says what is wrong without quoting any attribute value.
 */
export function readDicomDataSet(input: Uint8Array, opts: ReadOptions = {}): DataSet {
  let buf = input;
  if (!hasDicmAt(buf, PREAMBLE_LENGTH)) {
    if (isPreamblelessPart10(buf)) {
      const withPreamble = new Uint8Array(PREAMBLE_LENGTH + buf.length);
      withPreamble.set(buf, PREAMBLE_LENGTH);
      buf = withPreamble;
    } else if (buf.length < PREAMBLE_LENGTH + 4) {
      throw new DicomParseError(
        `not a DICOM Part 10 file (no DICM prefix): only ${buf.length} bytes, shorter than the 128-byte preamble and DICM prefix`,
      );
    } else if (looksLikeBareDataSet(buf)) {
      throw new DicomParseError(
        "not a DICOM Part 10 file (no DICM prefix at byte 128): it looks like a bare data set without preamble and " +
          "file meta information, which is refused because its transfer syntax would have to be guessed; " +
          "rewrite it as Part 10 first (e.g. dcmtk: dcmconv +F in.dcm out.dcm)",
      );
    } else {
      throw new DicomParseError("not a DICOM Part 10 file (no DICM prefix at byte 128)");
    }
  }
  let ds: DataSet;
  try {
    ds = parseStructure(buf, opts.stopAtPixelData ? TAGS.PixelData : undefined);
  } catch (e) {
    if (e instanceof DicomParseError) throw e;
    const msg = messageOf(e);
    if (/0002,0010/.test(msg)) {
      throw new DicomParseError("malformed file meta information: no TransferSyntaxUID (0002,0010)");
    }
    if (TRUNCATION_HINTS.test(msg)) {
      throw new DicomParseError(`truncated file: the data ends inside an element (${buf.length} bytes; ${msg})`);
    }
    throw new DicomParseError(`malformed DICOM data (${msg})`);
  }
  const truncationWarning = ds.warnings.find((w) => TRUNCATION_HINTS.test(w));
  if (truncationWarning) {
    throw new DicomParseError(`truncated file: ${truncationWarning}`);
  }
  return ds;
}

/** "x00100010" → "(0010,0010)": the notation people read in dcmdump output and the standard. */
export function formatTag(tag: string): string {
  const hex = tag.replace(/^x/, "").toUpperCase();
  return `(${hex.slice(0, 4)},${hex.slice(4, 8)})`;
}

function rawBytes(ds: DataSet, el: Element): Uint8Array {
  return ds.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
}

/** Reads a text attribute, decoding non-ASCII bytes with the file's SpecificCharacterSet (zh/ja/ko/latin). */
function text(ds: DataSet, tag: string, charsets: () => string[]): string | null {
  const el = ds.elements[tag];
  if (!el || el.length === 0 || el.length === 0xffffffff) return null;
  const bytes = rawBytes(ds, el);
  const ascii = bytes.every((b) => b < 0x80);
  const s = ascii ? dicomParser.readFixedString(ds.byteArray, el.dataOffset, el.length) : decodeText(bytes, charsets());
  const trimmed = s.replace(/[\0 ]+$/, "").replace(/^ +/, "");
  return trimmed === "" ? null : trimmed;
}

function strings(ds: DataSet, tag: string): string[] {
  const el = ds.elements[tag];
  if (!el || el.length === 0 || el.length === 0xffffffff) return [];
  return dicomParser
    .readFixedString(ds.byteArray, el.dataOffset, el.length)
    .split("\\")
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** Numbers from a DS/IS attribute; null unless every value is a finite number and there are `count` of them. */
function numbers(ds: DataSet, tag: string, count?: number): number[] | null {
  const values = strings(ds, tag).map(Number);
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) return null;
  if (count !== undefined && values.length < count) return null;
  return count !== undefined ? values.slice(0, count) : values;
}

function firstNumber(ds: DataSet, tag: string): number | null {
  const v = numbers(ds, tag);
  return v ? v[0] : null;
}

function uint16(ds: DataSet, tag: string): number | null {
  const el = ds.elements[tag];
  if (!el || el.length < 2) return null;
  const v = ds.uint16(tag);
  return v === undefined ? null : v;
}

function requiredUid(ds: DataSet, tag: string, keyword: string): string {
  const v = strings(ds, tag)[0];
  if (!v) {
    throw new DicomParseError(`missing required attribute ${keyword} ${formatTag(tag)}`);
  }
  return v;
}

/**
 * Projects ImagePositionPatient onto the slice normal (row × column direction cosines): the position of the
 * slice along the stack, which is what SliceLocation reports when a scanner writes it.
 */
function derivedSliceLocation(ipp: number[] | null, iop: number[] | null): number | null {
  if (!ipp || !iop) return null;
  const [r0, r1, r2, c0, c1, c2] = iop;
  const n = [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0];
  const norm = Math.hypot(n[0], n[1], n[2]);
  if (norm < 1e-6) return null;
  return (ipp[0] * n[0] + ipp[1] * n[1] + ipp[2] * n[2]) / norm;
}

/** Builds the import header from an already parsed data set (see readDicomDataSet). */
export function headerFromDataSet(ds: DataSet): DicomHeader {
  // The declared character sets, read once and only when a value has non-ASCII bytes (lib/dicom/charset decodes).
  let charsets: string[] | undefined;
  const getCharsets = () => {
    const el = ds.elements[TAGS.SpecificCharacterSet];
    return (charsets ??= parseCharsets(el && el.length > 0 ? dicomParser.readFixedString(ds.byteArray, el.dataOffset, el.length) : undefined));
  };

  const transferSyntaxUid = strings(ds, TAGS.TransferSyntaxUID)[0] ?? "";
  const ownSpacing = numbers(ds, TAGS.PixelSpacing, 2);
  const imagerSpacing = ownSpacing ? null : numbers(ds, TAGS.ImagerPixelSpacing, 2);
  const spacing = ownSpacing ?? imagerSpacing;
  const ipp = numbers(ds, TAGS.ImagePositionPatient, 3);
  const iop = numbers(ds, TAGS.ImageOrientationPatient, 6);
  const ownSliceLocation = firstNumber(ds, TAGS.SliceLocation);
  const derived = ownSliceLocation === null ? derivedSliceLocation(ipp, iop) : null;
  const framesValue = firstNumber(ds, TAGS.NumberOfFrames);
  const burned = strings(ds, TAGS.BurnedInAnnotation)[0]?.toUpperCase();

  return {
    studyInstanceUid: requiredUid(ds, TAGS.StudyInstanceUID, "StudyInstanceUID"),
    seriesInstanceUid: requiredUid(ds, TAGS.SeriesInstanceUID, "SeriesInstanceUID"),
    sopInstanceUid: requiredUid(ds, TAGS.SOPInstanceUID, "SOPInstanceUID"),
    sopClassUid: requiredUid(ds, TAGS.SOPClassUID, "SOPClassUID"),
    modality: strings(ds, TAGS.Modality)[0] ?? null,
    rows: uint16(ds, TAGS.Rows),
    columns: uint16(ds, TAGS.Columns),
    frames: framesValue !== null && framesValue >= 1 ? Math.floor(framesValue) : 1,
    samplesPerPixel: uint16(ds, TAGS.SamplesPerPixel),
    bitsAllocated: uint16(ds, TAGS.BitsAllocated),
    bitsStored: uint16(ds, TAGS.BitsStored),
    pixelRepresentation: uint16(ds, TAGS.PixelRepresentation),
    photometricInterpretation: strings(ds, TAGS.PhotometricInterpretation)[0] ?? null,
    pixelSpacing: spacing ? [spacing[0], spacing[1]] : null,
    pixelSpacingSource: ownSpacing ? "PixelSpacing" : imagerSpacing ? "ImagerPixelSpacing" : null,
    windowCenter: firstNumber(ds, TAGS.WindowCenter),
    windowWidth: firstNumber(ds, TAGS.WindowWidth),
    rescaleSlope: firstNumber(ds, TAGS.RescaleSlope),
    rescaleIntercept: firstNumber(ds, TAGS.RescaleIntercept),
    transferSyntaxUid,
    transferSyntaxName: transferSyntaxName(transferSyntaxUid),
    instanceNumber: firstNumber(ds, TAGS.InstanceNumber),
    sliceLocation: ownSliceLocation ?? derived,
    sliceLocationSource: ownSliceLocation !== null ? "SliceLocation" : derived !== null ? "ImagePositionPatient" : null,
    imagePositionPatient: ipp ? [ipp[0], ipp[1], ipp[2]] : null,
    imageOrientationPatient: iop ? [iop[0], iop[1], iop[2], iop[3], iop[4], iop[5]] : null,
    sliceThickness: firstNumber(ds, TAGS.SliceThickness),
    seriesDescription: text(ds, TAGS.SeriesDescription, getCharsets),
    seriesNumber: firstNumber(ds, TAGS.SeriesNumber),
    studyDescription: text(ds, TAGS.StudyDescription, getCharsets),
    studyDate: strings(ds, TAGS.StudyDate)[0] ?? null,
    bodyPartExamined: text(ds, TAGS.BodyPartExamined, getCharsets),
    viewPosition: strings(ds, TAGS.ViewPosition)[0] ?? null,
    imageType: strings(ds, TAGS.ImageType),
    burnedInAnnotation: burned === "YES" ? true : burned === "NO" ? false : null,
    hasPixelData: [TAGS.PixelData, TAGS.FloatPixelData, TAGS.DoubleFloatPixelData].some((t) => ds.elements[t]),
    warnings: [...ds.warnings],
  };
}

/**
 * Parses the header of a DICOM Part 10 file for import. Throws DicomParseError for anything that is not a
 * complete, well-formed Part 10 file (unless opts.stopAtPixelData, see ReadOptions).
 */
export function parseDicom(buf: Uint8Array, opts: ReadOptions = {}): DicomHeader {
  return headerFromDataSet(readDicomDataSet(buf, opts));
}
