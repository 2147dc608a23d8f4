// Low-level element encoding for rewriting a parsed file (phi.ts). The rewrite copies every element it does not
// change as the original bytes (header and value), so pixel data and untouched attributes stay byte-exact in any
// transfer syntax, and it encodes only the few elements it replaces.
import type { DataSet, Element } from "dicom-parser";
import { TRANSFER_SYNTAX } from "./parse";

export interface Encoding {
  littleEndian: boolean;
  explicitVr: boolean;
}

export const EXPLICIT_LITTLE_ENDIAN: Encoding = { littleEndian: true, explicitVr: true };

/** How the data set (not the file meta information, which is always explicit little endian) is encoded. */
export function encodingOf(transferSyntaxUid: string): Encoding {
  if (transferSyntaxUid === TRANSFER_SYNTAX.ImplicitVRLittleEndian) return { littleEndian: true, explicitVr: false };
  if (transferSyntaxUid === TRANSFER_SYNTAX.ExplicitVRBigEndian) return { littleEndian: false, explicitVr: true };
  return EXPLICIT_LITTLE_ENDIAN;
}

// VRs whose explicit-VR header has two reserved bytes and a 32-bit length (PS3.5 7.1.2).
const LONG_VRS = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV"]);

export const UNDEFINED_LENGTH = 0xffffffff;

/** "x00100010" → 0x00100010 */
export function tagNumber(tag: string): number {
  return parseInt(tag.slice(1), 16);
}

export function groupOf(tag: string): number {
  return parseInt(tag.slice(1, 5), 16);
}

export function isPrivateTag(tag: string): boolean {
  return groupOf(tag) % 2 === 1;
}

function headerLength(el: Element, enc: Encoding): number {
  if (!enc.explicitVr) return 8;
  return el.vr && LONG_VRS.has(el.vr) ? 12 : 8;
}

/**
 * The element's complete original encoding (header, value and, for undefined lengths, its delimiter) as parsed by
 * dicom-parser. dicom-parser reports an undefined-length sequence's length without the closing sequence
 * delimitation item, but an encapsulated pixel data element's or other undefined-length value's with it.
 */
export function rawElementBytes(ds: DataSet, el: Element, enc: Encoding): Uint8Array {
  const start = el.dataOffset - headerLength(el, enc);
  const end = el.dataOffset + el.length + (el.hadUndefinedLength && el.items ? 8 : 0);
  return ds.byteArray.subarray(start, end);
}

function writeTag(view: DataView, offset: number, tag: number, littleEndian: boolean): void {
  view.setUint16(offset, tag >>> 16, littleEndian);
  view.setUint16(offset + 2, tag & 0xffff, littleEndian);
}

/** One element with a defined-length value. `vr` is ignored for implicit VR encoding. */
export function encodeElement(tag: number, vr: string, value: Uint8Array, enc: Encoding): Uint8Array {
  const long = LONG_VRS.has(vr);
  const hdr = !enc.explicitVr ? 8 : long ? 12 : 8;
  if (enc.explicitVr && !long && value.length > 0xffff) {
    throw new RangeError(`value too long for VR ${vr}`);
  }
  const out = new Uint8Array(hdr + value.length);
  const view = new DataView(out.buffer);
  writeTag(view, 0, tag, enc.littleEndian);
  if (!enc.explicitVr) {
    view.setUint32(4, value.length, enc.littleEndian);
  } else {
    out[4] = vr.charCodeAt(0);
    out[5] = vr.charCodeAt(1);
    if (long) view.setUint32(8, value.length, enc.littleEndian);
    else view.setUint16(6, value.length, enc.littleEndian);
  }
  out.set(value, hdr);
  return out;
}

function itemTag(tag: number, length: number, enc: Encoding): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  writeTag(view, 0, tag, enc.littleEndian);
  view.setUint32(4, length, enc.littleEndian);
  return out;
}

/**
 * A sequence re-encoded with undefined lengths (sequence and items closed by delimitation items), which lets the
 * rewrite drop elements inside items without recomputing any length above them.
 */
export function encodeSequence(tag: number, items: Uint8Array[][], enc: Encoding): Uint8Array[] {
  const parts: Uint8Array[] = [];
  if (enc.explicitVr) {
    const head = new Uint8Array(12);
    const view = new DataView(head.buffer);
    writeTag(view, 0, tag, enc.littleEndian);
    head[4] = 0x53; // "S"
    head[5] = 0x51; // "Q"
    view.setUint32(8, UNDEFINED_LENGTH, enc.littleEndian);
    parts.push(head);
  } else {
    parts.push(itemTag(tag, UNDEFINED_LENGTH, enc));
  }
  for (const item of items) {
    parts.push(itemTag(0xfffee000, UNDEFINED_LENGTH, enc));
    parts.push(...item);
    parts.push(itemTag(0xfffee00d, 0, enc));
  }
  parts.push(itemTag(0xfffee0dd, 0, enc));
  return parts;
}

/** A string value padded to even length: UI with NUL, every other string VR with a space (PS3.5 6.2). */
export function stringValue(value: string, vr: string): Uint8Array {
  const bytes = Buffer.from(value, "latin1");
  if (bytes.length % 2 === 0) return new Uint8Array(bytes);
  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  padded[bytes.length] = vr === "UI" ? 0x00 : 0x20;
  return padded;
}

export function concat(parts: Uint8Array[]): Buffer {
  return Buffer.concat(parts);
}
