// Images for a dataset export: any stored image (DICOM in every transfer syntax the viewer shows, PNG or JPEG)
// becomes an 8-bit PNG, and an original DICOM can be written de-identified. Both throw RenderError naming the file
// rather than writing something that looks like an image but is not one.
import { renderDicom } from "./dicom";
import { RenderError } from "./errors";
import { encodePng } from "./png";
import { decodeJpegRaster, decodePngRaster } from "./raster";
import { areaAverage, fitWithin, type Raster } from "./resize";

export { RenderError } from "./errors";
export { deidentifiedDicomForExport } from "./deid";

export interface RenderInput {
  bytes: Uint8Array;
  mime: string; // "application/dicom" | "image/png" | "image/jpeg"
  window?: { center: number; width: number } | null;
  maxSide?: number | null;
  name?: string;
}

export interface RenderedPng {
  png: Buffer;
  width: number;
  height: number;
}

async function decode(input: RenderInput): Promise<Raster> {
  switch (input.mime) {
    case "application/dicom":
      return renderDicom(input);
    case "image/png":
      return decodePngRaster(input.bytes, input.name);
    case "image/jpeg":
      return decodeJpegRaster(input.bytes, input.name);
    default:
      throw new RenderError(`cannot render ${input.mime || "an unnamed type"}: only DICOM, PNG and JPEG are images here`, input.name);
  }
}

/**
 * DICOM or PNG/JPEG → 8-bit PNG. DICOM: the given window, else the file's WindowCenter/Width, else its min/max;
 * MONOCHROME1 inverted; first frame. Original size unless maxSide (longest side ≤ maxSide, aspect kept, area
 * averaged). A picture that comes out one flat value is refused (see dicom.ts).
 */
export async function renderToPng(input: RenderInput): Promise<RenderedPng> {
  if (input.maxSide != null && (!Number.isInteger(input.maxSide) || input.maxSide < 1)) {
    throw new RenderError(`maxSide must be a positive whole number of pixels, not ${input.maxSide}`, input.name);
  }
  if (input.window && !(input.window.width > 0 && Number.isFinite(input.window.center))) {
    throw new RenderError(`the window needs a finite center and a positive width (got ${input.window.center}/${input.window.width})`, input.name);
  }
  const raster = await decode(input);
  const size = fitWithin(raster.width, raster.height, input.maxSide);
  const out = areaAverage(raster, size.width, size.height);
  return { png: encodePng(out), width: out.width, height: out.height };
}
