import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { syntheticLateralXray, syntheticPngXray, syntheticSagittalMrStack } from "@/lib/dicom/synthetic";
import { pixelDataBytes, pixels16 } from "@/lib/dicom/testing/pixels";
import { readRealFile, REAL_FILES, type RealFileKey } from "@/lib/dicom/testing/real-files";
import { RenderError, renderToPng } from "./index";
import { decodePng, distinctValues, fillPixelData, replaceAscii, shortenPixelData } from "./testing";

const dicom = (bytes: Uint8Array, extra: object = {}) => renderToPng({ bytes, mime: "application/dicom", name: "file.dcm", ...extra });

async function renderError(p: Promise<unknown>): Promise<RenderError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(RenderError);
  return e as RenderError;
}

// Every transfer syntax the viewer shows, each on a real file from Debian's packages.
const SYNTAXES: { key: RealFileKey; syntax: string; width: number; height: number; colour?: boolean }[] = [
  { key: "mrSmall", syntax: "1.2.840.10008.1.2.1", width: 64, height: 64 },
  { key: "mrSmallImplicit", syntax: "1.2.840.10008.1.2", width: 64, height: 64 },
  { key: "mrSmallBigEndian", syntax: "1.2.840.10008.1.2.2", width: 64, height: 64 },
  { key: "deflated", syntax: "1.2.840.10008.1.2.1.99", width: 512, height: 512 },
  { key: "mrSmallRle", syntax: "1.2.840.10008.1.2.5", width: 64, height: 64 },
  { key: "scRgbJpegBaseline", syntax: "1.2.840.10008.1.2.4.50", width: 100, height: 100, colour: true },
  { key: "jpegLossy", syntax: "1.2.840.10008.1.2.4.51", width: 256, height: 1024 },
  { key: "gdcmXaMultiFrame", syntax: "1.2.840.10008.1.2.4.70", width: 512, height: 512 },
  { key: "mrSmallJ2kLossless", syntax: "1.2.840.10008.1.2.4.90", width: 64, height: 64 },
  { key: "ct693J2k", syntax: "1.2.840.10008.1.2.4.91", width: 512, height: 512 },
  { key: "jpeg2000", syntax: "1.2.840.10008.1.2.4.91", width: 256, height: 1024 },
  { key: "mrSmallJpegLsLossless", syntax: "1.2.840.10008.1.2.4.80", width: 64, height: 64 },
  { key: "scRgbRle", syntax: "1.2.840.10008.1.2.5", width: 100, height: 100, colour: true },
  { key: "dicom3toolsMr", syntax: "1.2.840.10008.1.2.1", width: 360, height: 360 },
  { key: "ctSmall", syntax: "1.2.840.10008.1.2.1", width: 128, height: 128 },
];

describe("renderToPng on every transfer syntax the viewer shows", () => {
  for (const s of SYNTAXES) {
    it(`${REAL_FILES[s.key].path.split("/").pop()} (${s.syntax}) → a ${s.width}×${s.height} PNG that is not flat`, async () => {
      const bytes = readRealFile(s.key);
      expect(bytes.toString("latin1")).toContain(s.syntax); // the file is what the row claims
      const out = await dicom(bytes);
      expect([out.width, out.height]).toEqual([s.width, s.height]);
      const png = decodePng(out.png);
      expect([png.width, png.height]).toEqual([s.width, s.height]);
      expect(png.colorType).toBe(s.colour ? 2 : 0); // 8-bit grey, or 8-bit RGB for colour images
      expect(distinctValues(png.grey)).toBeGreaterThan(s.colour ? 2 : 20);
    });
  }

  it("decodes every lossless encoding of MR_small to exactly the pixels of the uncompressed file", async () => {
    const reference = decodePng((await dicom(readRealFile("mrSmall"))).png).grey;
    for (const key of ["mrSmallImplicit", "mrSmallBigEndian", "mrSmallRle", "mrSmallJ2kLossless", "mrSmallJpegLsLossless"] as const) {
      const grey = decodePng((await dicom(readRealFile(key))).png).grey;
      expect(Buffer.from(grey).equals(Buffer.from(reference)), key).toBe(true);
    }
  });

  it("renders GDCM's JPEG-lossless XA (whose offset table is off by one byte) as GDCM itself decodes it", async () => {
    const file = REAL_FILES.gdcmXaMultiFrame.path;
    const dir = mkdtempSync(path.join(tmpdir(), "spinemed-gdcm-"));
    try {
      const raw = path.join(dir, "raw.dcm");
      const r = spawnSync("gdcmconv", ["--raw", file, raw], { encoding: "utf8" });
      expect(r.error, "gdcmconv (Debian package libgdcm-tools) must be installed").toBeUndefined();
      expect(r.status).toBe(0);
      const ours = decodePng((await dicom(readRealFile("gdcmXaMultiFrame"))).png).grey;
      const gdcm = decodePng((await dicom(readFileSync(raw))).png).grey;
      expect(distinctValues(ours)).toBeGreaterThan(50);
      expect(Buffer.from(ours).equals(Buffer.from(gdcm))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives identical bytes for the same input twice", async () => {
    const a = await dicom(readRealFile("ct693J2k"));
    const b = await dicom(readRealFile("ct693J2k"));
    expect(a.png.equals(b.png)).toBe(true);
  });
});

describe("grey-level mapping", () => {
  it("applies a given window by the DICOM linear function (checked pixel by pixel against the stored values)", async () => {
    const bytes = readRealFile("dicom3toolsMr"); // 12-bit unsigned, no rescale
    const stored = pixels16(bytes);
    const c = 400;
    const w = 500;
    const grey = decodePng((await dicom(bytes, { window: { center: c, width: w } })).png).grey;
    let worst = 0;
    for (let i = 0; i < stored.length; i++) {
      const x = stored[i];
      const expected = x <= c - 0.5 - (w - 1) / 2 ? 0 : x > c - 0.5 + (w - 1) / 2 ? 255 : ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;
      worst = Math.max(worst, Math.abs(grey[i] - expected));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(grey.filter((v) => v === 255).length).toBeGreaterThan(100); // the window really clips
  });

  it("uses the file's own window when none is given", async () => {
    const bytes = readRealFile("dicom3toolsMr"); // WindowCenter 748, WindowWidth 1579
    const own = await dicom(bytes);
    const given = await dicom(bytes, { window: { center: 748, width: 1579 } });
    const other = await dicom(bytes, { window: { center: 400, width: 500 } });
    expect(own.png.equals(given.png)).toBe(true);
    expect(own.png.equals(other.png)).toBe(false);
  });

  it("inverts MONOCHROME1: the same stored values give 255 minus the MONOCHROME2 picture", async () => {
    const m2 = readRealFile("dicom3toolsMr");
    const m1 = replaceAscii(m2, "MONOCHROME2", "MONOCHROME1");
    const window = { center: 748, width: 1579 };
    const a = decodePng((await dicom(m2, { window })).png).grey;
    const b = decodePng((await dicom(m1, { window })).png).grey;
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) if (a[i] + b[i] !== 255) throw new Error(`pixel ${i}: ${a[i]} + ${b[i]} ≠ 255`);
  });

  it("renders the generated 16-bit CR and MR with their stored windows, bone brighter than background", async () => {
    const xr = syntheticLateralXray({ rows: 512, columns: 256 });
    const out = decodePng((await dicom(xr.buffer)).png);
    expect([out.width, out.height]).toEqual([256, 512]);
    const l3 = xr.landmarks.find((l) => l.level === "L3")!;
    expect(out.grey[Math.round(l3.y) * 256 + Math.round(l3.x)]).toBeGreaterThan(out.grey[5 * 256 + 5]);
    const mr = syntheticSagittalMrStack({ slices: 3 }).files[1];
    expect(distinctValues(decodePng((await dicom(mr.buffer)).png).grey)).toBeGreaterThan(20);
  });
});

describe("maxSide", () => {
  it("shrinks the longest side to maxSide, keeping the aspect, by area averaging", async () => {
    const out = await dicom(readRealFile("jpeg2000"), { maxSide: 256 }); // 256×1024
    expect([out.width, out.height]).toEqual([64, 256]);
    const png = decodePng(out.png);
    expect([png.width, png.height]).toEqual([64, 256]);
    // Each output pixel is the mean of a 4×4 block of the full-size picture.
    const full = decodePng((await dicom(readRealFile("jpeg2000"))).png).grey;
    let worst = 0;
    for (let y = 0; y < 256; y++) {
      for (let x = 0; x < 64; x++) {
        let sum = 0;
        for (let dy = 0; dy < 4; dy++) for (let dx = 0; dx < 4; dx++) sum += full[(y * 4 + dy) * 256 + x * 4 + dx];
        worst = Math.max(worst, Math.abs(png.grey[y * 64 + x] - sum / 16));
      }
    }
    expect(worst).toBeLessThanOrEqual(0.5);
  });

  it("leaves an image that already fits at its size, and refuses a maxSide that is not a positive integer", async () => {
    const out = await dicom(readRealFile("mrSmall"), { maxSide: 1000 });
    expect([out.width, out.height]).toEqual([64, 64]);
    const e = await renderError(dicom(readRealFile("mrSmall"), { maxSide: 0 }));
    expect(e.message).toMatch(/maxSide/);
  });
});

describe("PNG and JPEG rasters", () => {
  it("re-encodes a PNG X-ray as 8-bit grey at its size or under maxSide", async () => {
    const png = syntheticPngXray({ rows: 400, columns: 200 });
    const same = await renderToPng({ bytes: png.buffer, mime: "image/png" });
    expect([same.width, same.height]).toEqual([200, 400]);
    expect(Buffer.from(decodePng(same.png).grey).equals(Buffer.from(decodePng(png.buffer).grey))).toBe(true);
    const small = await renderToPng({ bytes: png.buffer, mime: "image/png", maxSide: 100 });
    expect([small.width, small.height]).toEqual([50, 100]);
  });

  it("scales a 16-bit PNG to 8 bits and drops its text chunks", async () => {
    const src = new PNG({ width: 32, height: 16, bitDepth: 16, colorType: 0, inputColorType: 0, inputHasAlpha: false });
    const data = new Uint16Array(32 * 16); // pngjs takes 16-bit samples as a Uint16Array
    for (let i = 0; i < data.length; i++) data[i] = i * 128;
    src.data = data as unknown as Buffer;
    let bytes = PNG.sync.write(src, { bitDepth: 16, colorType: 0, inputColorType: 0, inputHasAlpha: false });
    // A tEXt chunk naming a patient, before IEND.
    const text = Buffer.from("Author\0DOE^JANE", "latin1");
    const chunk = Buffer.alloc(12 + text.length);
    chunk.writeUInt32BE(text.length, 0);
    chunk.write("tEXt", 4, "latin1");
    text.copy(chunk, 8);
    bytes = Buffer.concat([bytes.subarray(0, bytes.length - 12), chunk, bytes.subarray(bytes.length - 12)]);
    const out = await renderToPng({ bytes, mime: "image/png" });
    expect(out.png[24]).toBe(8); // bit depth in IHDR
    expect(out.png.toString("latin1")).not.toContain("DOE^JANE");
    expect(distinctValues(decodePng(out.png).grey)).toBeGreaterThan(100);
  });

  it("decodes a JPEG X-ray (the baseline stream inside a real DICOM file) like the DICOM renderer does", async () => {
    const bytes = readRealFile("scRgbJpegBaseline");
    const frag = pixelDataBytes(bytes);
    const start = Buffer.from(frag).indexOf(Buffer.from([0xff, 0xd8, 0xff]));
    const end = Buffer.from(frag).lastIndexOf(Buffer.from([0xff, 0xd9]));
    const jpeg = frag.subarray(start, end + 2);
    const out = await renderToPng({ bytes: jpeg, mime: "image/jpeg" });
    expect([out.width, out.height]).toEqual([100, 100]);
    const a = decodePng(out.png).rgba;
    const b = decodePng((await dicom(bytes)).png).rgba;
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeLessThanOrEqual(2);
  });
});

describe("bad input gives a RenderError naming the file, never a black picture", () => {
  it("refuses pydicom's truncated MR, naming it", async () => {
    const e = await renderError(renderToPng({ bytes: readRealFile("mrTruncated"), mime: "application/dicom", name: "MR_truncated.dcm" }));
    expect(e.file).toBe("MR_truncated.dcm");
    expect(e.message).toMatch(/^MR_truncated\.dcm: .*truncated/);
  });

  it("refuses pixel data shorter than rows × columns × bytes, which the decoder would pad with black", async () => {
    const short = shortenPixelData(readRealFile("mrSmall"), 4096);
    const e = await renderError(renderToPng({ bytes: short, mime: "application/dicom", name: "short.dcm" }));
    expect(e.message).toBe("short.dcm: truncated pixel data: 4096 bytes where 64×64×1 frame(s)×1 sample(s)×16 bits need 8192");
  });

  it("refuses garbage as DICOM, PNG and JPEG, and an unknown type", async () => {
    const junk = Buffer.alloc(4000, 0x5a);
    expect((await renderError(renderToPng({ bytes: junk, mime: "application/dicom", name: "junk.dcm" }))).message).toMatch(/^junk\.dcm: cannot be decoded/);
    expect((await renderError(renderToPng({ bytes: junk, mime: "image/png", name: "junk.png" }))).message).toMatch(/^junk\.png: cannot be decoded as PNG/);
    expect((await renderError(renderToPng({ bytes: junk, mime: "image/jpeg", name: "junk.jpg" }))).message).toMatch(/^junk\.jpg: cannot be decoded as JPEG/);
    const broken = Buffer.from(syntheticPngXray({ rows: 64, columns: 32 }).buffer);
    broken.fill(0, 60, 200);
    expect((await renderError(renderToPng({ bytes: broken, mime: "image/png", name: "broken.png" }))).file).toBe("broken.png");
    expect((await renderError(renderToPng({ bytes: junk, mime: "text/plain", name: "a.txt" }))).message).toMatch(/only DICOM, PNG and JPEG/);
  });

  it("refuses a corrupt compressed stream, naming the syntax, and good files still decode exactly afterwards", async () => {
    const cases = [
      ["mrSmallJ2kLossless", /JPEG 2000/],
      ["mrSmallJpegLsLossless", /JPEG-LS/],
      ["scRgbJpegBaseline", /JPEG Baseline/],
      ["mrSmallRle", /RLE Lossless/],
    ] as const;
    const before = new Map<string, Buffer>();
    for (const [key] of cases) before.set(key, decodePng((await dicom(readRealFile(key))).png).rgba);
    // A trap inside the WebAssembly decoder can break its state: several rounds show the next good file is unharmed.
    for (let round = 0; round < 5; round++) {
      for (const [key, syntax] of cases) {
        const bytes = Buffer.from(readRealFile(key));
        const px = pixelDataBytes(bytes);
        const at = bytes.indexOf(Buffer.from(px.subarray(0, 32)));
        bytes.fill(0, at + 40, at + 40 + Math.floor(px.length / 3));
        const e = await renderError(renderToPng({ bytes, mime: "application/dicom", name: `${key}.dcm` }));
        expect(e.message).toMatch(new RegExp(`^${key}\\.dcm: cannot be decoded \\(${syntax.source}`));
        const good = decodePng((await dicom(readRealFile(key))).png).rgba;
        expect(good.equals(before.get(key)!), `${key} after a failure`).toBe(true);
      }
    }
  });

  it("refuses a file without pixel data", async () => {
    const e = await renderError(renderToPng({ bytes: readRealFile("mrSmall").subarray(0, 1000), mime: "application/dicom", name: "cut.dcm" }));
    expect(e.file).toBe("cut.dcm");
  });

  it("refuses a window that maps every pixel to one grey value, saying so", async () => {
    const e = await renderError(dicom(readRealFile("dicom3toolsMr"), { window: { center: 100_000, width: 10 } }));
    expect(e.message).toMatch(/window \(center 100000, width 10\) maps every pixel to one grey value although the stored values range from 0 to \d+/);
  });

  it("refuses pixel data that hold one value only", async () => {
    const e = await renderError(dicom(fillPixelData(readRealFile("mrSmall"), 0)));
    expect(e.message).toMatch(/one value only/);
  });
});
