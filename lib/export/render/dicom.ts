// DICOM → 8-bit raster with dcmjs-imaging (every transfer syntax the viewer shows: native little/big endian,
// deflated, RLE, JPEG baseline/extended/lossless, JPEG-LS, JPEG 2000, through the dcmjs-codecs WebAssembly
// decoders). It applies the modality LUT, the window and the MONOCHROME1 inversion; the first frame is rendered.
import { transferSyntaxName } from "@/lib/dicom/parse";
import { imagingLib, resetImagingLib } from "./codecs";
import { RenderError } from "./errors";
import { checkDicom } from "./pixel-data";
import type { Raster } from "./resize";

export interface DicomRenderInput {
  bytes: Uint8Array;
  window?: { center: number; width: number } | null;
  name?: string;
}

const GREY = new Set(["MONOCHROME1", "MONOCHROME2"]);

function messageOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).trim();
}

/** The range of stored values the first frame actually holds, from the renderer's own histogram. */
function valueRange(histograms: { getMinimum(): number; getMaximum(): number; get(bin: number): number | undefined }[] | undefined) {
  const h = histograms?.[0];
  if (!h) return null;
  let lo: number | null = null;
  let hi: number | null = null;
  for (let v = h.getMinimum(); v <= h.getMaximum(); v++) {
    if ((h.get(v) ?? 0) === 0) continue;
    lo ??= v;
    hi = v;
  }
  return lo === null || hi === null ? null : { lo, hi };
}

export async function renderDicom(input: DicomRenderInput): Promise<Raster> {
  const checked = checkDicom(input.bytes, input.name);
  const lib = await imagingLib();
  const syntax = transferSyntaxName(checked.transferSyntax);
  const bytes = checked.bytes;
  let rendered: ReturnType<InstanceType<typeof lib.DicomImage>["render"]>;
  let image: InstanceType<typeof lib.DicomImage>;
  try {
    image = new lib.DicomImage(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const windowLevel = input.window ? new lib.WindowLevel(input.window.width, input.window.center) : undefined;
    rendered = image.render({ frame: 0, ...(windowLevel ? { windowLevel } : {}) });
  } catch (e) {
    await resetImagingLib();
    throw new RenderError(`cannot be decoded (${syntax}): ${messageOf(e)}`, input.name);
  }
  if (rendered.width !== checked.columns || rendered.height !== checked.rows) {
    throw new RenderError(`decoded as ${rendered.width}×${rendered.height} instead of ${checked.columns}×${checked.rows} (${syntax})`, input.name);
  }
  const rgba = new Uint8Array(rendered.pixels);
  const n = rendered.width * rendered.height;
  if (rgba.length < n * 4) throw new RenderError(`the decoder returned ${rgba.length} bytes for ${n} pixels (${syntax})`, input.name);
  const grey = GREY.has(checked.photometric);
  const channels = grey ? 1 : 3;
  const data = new Uint8Array(n * channels);
  if (grey) {
    for (let i = 0; i < n; i++) data[i] = rgba[i * 4];
  } else {
    for (let i = 0; i < n; i++) {
      data[i * 3] = rgba[i * 4];
      data[i * 3 + 1] = rgba[i * 4 + 1];
      data[i * 3 + 2] = rgba[i * 4 + 2];
    }
  }
  const raster: Raster = { width: rendered.width, height: rendered.height, channels, data };
  if (isFlat(raster)) throw flatError(image, grey, input, syntax);
  return raster;
}

function isFlat(r: Raster): boolean {
  for (let i = r.channels; i < r.data.length; i++) if (r.data[i] !== r.data[i % r.channels]) return false;
  return true;
}

/** Why every output pixel came out the same: the window, or pixel data that hold one value only. */
function flatError(image: { render(o: object): { histograms?: Parameters<typeof valueRange>[0]; windowLevel?: { getWindow(): number; getLevel(): number } } }, grey: boolean, input: DicomRenderInput, syntax: string): RenderError {
  if (grey) {
    const again = image.render({ frame: 0, calculateHistograms: true });
    const range = valueRange(again.histograms);
    if (range && range.lo !== range.hi) {
      const w = input.window ?? (again.windowLevel ? { center: again.windowLevel.getLevel(), width: again.windowLevel.getWindow() } : null);
      const which = w ? `the window (center ${w.center}, width ${w.width})` : "the window";
      return new RenderError(`${which} maps every pixel to one grey value although the stored values range from ${range.lo} to ${range.hi}`, input.name);
    }
  }
  return new RenderError(`the first frame holds one value only: blank or undecodable pixel data (${syntax}) would give a flat picture`, input.name);
}
