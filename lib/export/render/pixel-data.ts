// Checks a DICOM file's pixel data before it reaches the decoder, and repairs the one defect a correct decoder
// trips over. Two things the renderer cannot be trusted with:
// - native pixel data shorter than rows × columns × frames × samples × bytes per sample (a truncated file) is
//   rendered without complaint, the missing part as black;
// - an encapsulated file whose Basic Offset Table points between items (GDCM's JPEG-lossless XA 00191113.dcm: the
//   offsets are one byte off after an odd-length fragment) fails to parse ("Invalid tag in sequence"). The table is
//   optional (PS3.5 A.4), so the file is passed on with an empty one and one fragment per frame, which the decoder
//   reads by walking the items.
import { DicomParseError, readDicomDataSet, TAGS, transferSyntaxName, TRANSFER_SYNTAX } from "@/lib/dicom/parse";
import { RenderError } from "./errors";

type DataSet = ReturnType<typeof readDicomDataSet>;

export interface CheckedDicom {
  /** The bytes to hand to the decoder: the input, or a copy with the offset table emptied. */
  bytes: Uint8Array;
  rows: number;
  columns: number;
  frames: number;
  photometric: string;
  transferSyntax: string;
  /** True when the Basic Offset Table was dropped (it did not point at the frames). */
  offsetTableRepaired: boolean;
}

const ITEM_TAG = [0xfe, 0xff, 0x00, 0xe0];

function num(ds: DataSet, tag: string): number | undefined {
  const el = ds.elements[tag];
  if (!el || el.length === 0) return undefined;
  return ds.uint16(tag);
}

function isItemAt(buf: Uint8Array, at: number): boolean {
  return ITEM_TAG.every((b, i) => buf[at + i] === b);
}

function startsWithSoi(buf: Uint8Array, at: number): boolean {
  return buf[at] === 0xff && buf[at + 1] === 0xd8;
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

interface Fragment {
  offset: number;
  position: number;
  length: number;
}

/** Rebuilds the pixel data items: an empty offset table, then one item per frame (fragments joined, padded even). */
function withoutOffsetTable(buf: Uint8Array, itemsStart: number, itemsEnd: number, frames: Fragment[][]): Uint8Array {
  const parts: Uint8Array[] = [buf.subarray(0, itemsStart), Uint8Array.from([...ITEM_TAG]), u32(0)];
  for (const frame of frames) {
    const length = frame.reduce((n, f) => n + f.length, 0);
    parts.push(Uint8Array.from([...ITEM_TAG]), u32(length + (length % 2)));
    for (const f of frame) parts.push(buf.subarray(f.position, f.position + f.length));
    if (length % 2) parts.push(new Uint8Array(1));
  }
  parts.push(buf.subarray(itemsEnd));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Groups fragments into frames when the offset table cannot be used: one each, or split at JPEG start markers. */
function framesOf(buf: Uint8Array, fragments: Fragment[], frames: number): Fragment[][] | null {
  if (fragments.length === frames) return fragments.map((f) => [f]);
  const groups: Fragment[][] = [];
  for (const f of fragments) {
    if (groups.length === 0 || startsWithSoi(buf, f.position)) groups.push([f]);
    else groups[groups.length - 1].push(f);
  }
  return groups.length === frames ? groups : null;
}

function offsetTableValid(bot: number[], fragments: Fragment[], frames: number): boolean {
  if (bot.length === 0) return true;
  if (bot.length !== frames) return false;
  const starts = new Set(fragments.map((f) => f.offset));
  return bot.every((o) => starts.has(o));
}

export function checkDicom(input: Uint8Array, name?: string): CheckedDicom {
  let ds: DataSet;
  try {
    ds = readDicomDataSet(input);
  } catch (e) {
    if (e instanceof DicomParseError) throw new RenderError(`cannot be decoded: ${e.message}`, name);
    throw e;
  }
  const transferSyntax = (ds.string(TAGS.TransferSyntaxUID) ?? "").replace(/[\0 ]+$/, "");
  const el = ds.elements[TAGS.PixelData];
  if (!el) {
    const other = ds.elements[TAGS.FloatPixelData] || ds.elements[TAGS.DoubleFloatPixelData];
    throw new RenderError(other ? "float pixel data cannot be rendered as an 8-bit picture" : "the file holds no pixel data", name);
  }
  const rows = num(ds, TAGS.Rows) ?? 0;
  const columns = num(ds, TAGS.Columns) ?? 0;
  const bitsAllocated = num(ds, TAGS.BitsAllocated) ?? 0;
  const samples = num(ds, TAGS.SamplesPerPixel) ?? 1;
  const frames = Math.max(1, Number.parseInt(ds.string(TAGS.NumberOfFrames) ?? "1", 10) || 1);
  const photometric = (ds.string(TAGS.PhotometricInterpretation) ?? "").trim();
  if (rows === 0 || columns === 0 || bitsAllocated === 0) {
    throw new RenderError("Rows, Columns or BitsAllocated is missing or zero", name);
  }
  const base = { rows, columns, frames, photometric, transferSyntax };

  if (!el.encapsulatedPixelData) {
    // Native YBR_FULL_422 stores two samples per pixel (Cb and Cr are shared by each pair of pixels).
    const perPixel = /^YBR_(FULL|PARTIAL)_422$/.test(photometric) ? 2 : samples;
    const expected = Math.ceil((rows * columns * frames * perPixel * bitsAllocated) / 8);
    const present = Math.max(0, Math.min(el.length, ds.byteArray.length - el.dataOffset));
    if (present < expected) {
      throw new RenderError(
        `truncated pixel data: ${present} bytes where ${rows}×${columns}×${frames} frame(s)×${perPixel} sample(s)×${bitsAllocated} bits need ${expected}`,
        name,
      );
    }
    return { ...base, bytes: input, offsetTableRepaired: false };
  }

  const fragments = (el.fragments ?? []) as Fragment[];
  const bot = (el.basicOffsetTable ?? []) as number[];
  if (fragments.length === 0) throw new RenderError(`encapsulated pixel data (${transferSyntaxName(transferSyntax)}) hold no fragments`, name);
  if (offsetTableValid(bot, fragments, frames)) return { ...base, bytes: input, offsetTableRepaired: false };

  const buf = ds.byteArray;
  const last = fragments[fragments.length - 1];
  const itemsEnd = last.position + last.length;
  if (!isItemAt(buf, el.dataOffset) || transferSyntax === TRANSFER_SYNTAX.DeflatedExplicitVRLittleEndian) {
    throw new RenderError("encapsulated pixel data do not start with an item", name);
  }
  const grouped = framesOf(buf, fragments, frames);
  if (!grouped) {
    throw new RenderError(
      `the Basic Offset Table does not point at the frames and ${fragments.length} fragments cannot be matched to ${frames} frames`,
      name,
    );
  }
  return { ...base, bytes: withoutOffsetTable(buf, el.dataOffset, itemsEnd, grouped), offsetTableRepaired: true };
}
