// PNG and JPEG X-rays (the app stores them as uploaded) → 8-bit raster. Every raster is decoded and re-encoded,
// never copied: that drops text chunks and metadata segments (which may carry names) and makes 16-bit PNGs 8-bit.
import { PNG } from "pngjs";
import { codecsLib, resetCodecsLib } from "./codecs";
import { RenderError } from "./errors";
import type { Raster } from "./resize";

function messageOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).trim();
}

export function decodePngRaster(bytes: Uint8Array, name?: string): Raster {
  let png: PNG;
  try {
    // 16-bit samples are scaled to 8 bits; palette and alpha are resolved to RGBA.
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { skipRescale: false });
  } catch (e) {
    throw new RenderError(`cannot be decoded as PNG: ${messageOf(e)}`, name);
  }
  const n = png.width * png.height;
  const src = png.data;
  let grey = true;
  for (let i = 0; i < n && grey; i++) grey = src[i * 4] === src[i * 4 + 1] && src[i * 4] === src[i * 4 + 2];
  const channels = grey ? 1 : 3;
  const data = new Uint8Array(n * channels);
  for (let i = 0; i < n; i++) {
    // Transparent pixels are composited on black, as a viewer shows them.
    const a = src[i * 4 + 3] / 255;
    for (let k = 0; k < channels; k++) data[i * channels + k] = Math.round(src[i * 4 + k] * a);
  }
  return { width: png.width, height: png.height, channels, data };
}

interface JpegFrame {
  width: number;
  height: number;
  precision: number;
  components: number;
}

/** The first start-of-frame segment: size, sample precision and component count. */
export function jpegFrame(buf: Uint8Array): JpegFrame | null {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2;
      continue;
    }
    const len = (buf[i + 2] << 8) | buf[i + 3];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { precision: buf[i + 4], height: (buf[i + 5] << 8) | buf[i + 6], width: (buf[i + 7] << 8) | buf[i + 8], components: buf[i + 9] };
    }
    i += 2 + len;
  }
  return null;
}

export async function decodeJpegRaster(bytes: Uint8Array, name?: string): Promise<Raster> {
  const frame = jpegFrame(bytes);
  if (!frame || frame.width === 0 || frame.height === 0) throw new RenderError("cannot be decoded as JPEG: no frame header", name);
  if (frame.components !== 1 && frame.components !== 3) {
    throw new RenderError(`cannot be decoded as JPEG: ${frame.components} components (1 or 3 expected)`, name);
  }
  if (frame.precision > 8) throw new RenderError(`cannot be decoded as JPEG: ${frame.precision}-bit samples in a JPEG raster`, name);
  const { Context, NativeCodecs } = await codecsLib();
  const ctx = new Context({
    width: frame.width,
    height: frame.height,
    bitsAllocated: 8,
    bitsStored: 8,
    samplesPerPixel: frame.components,
    pixelRepresentation: 0,
    planarConfiguration: 0,
    photometricInterpretation: frame.components === 1 ? "MONOCHROME2" : "YBR_FULL_422",
  });
  ctx.setEncodedBuffer(bytes);
  let decoded: Uint8Array | undefined;
  try {
    decoded = NativeCodecs.decodeJpeg(ctx, { convertColorspaceToRgb: true }).getDecodedBuffer();
  } catch (e) {
    await resetCodecsLib();
    throw new RenderError(`cannot be decoded as JPEG: ${messageOf(e)}`, name);
  }
  const expected = frame.width * frame.height * frame.components;
  if (!decoded || decoded.length < expected) {
    throw new RenderError(`cannot be decoded as JPEG: ${decoded?.length ?? 0} bytes decoded where ${expected} were expected`, name);
  }
  return { width: frame.width, height: frame.height, channels: frame.components as 1 | 3, data: decoded.slice(0, expected) };
}
