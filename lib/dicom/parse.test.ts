import { describe, expect, it } from "vitest";
import { DicomParseError, isDicom, parseDicom, readDicomDataSet, transferSyntaxName, type DicomHeader } from "./parse";
import { prng } from "./phantom";
import { syntheticLateralXray, syntheticSagittalMrStack } from "./synthetic";
import { readFixture, readRealFile, REAL_FILES, type RealFileKey } from "./testing/real-files";
import dcmjs from "dcmjs";

// Expected values read by hand from `dcmdump` of each file (dcmtk 3.6), not from this parser.
const EXPECTED: Partial<Record<RealFileKey, Partial<DicomHeader>>> = {
  ctSmall: {
    modality: "CT",
    rows: 128,
    columns: 128,
    frames: 1,
    bitsAllocated: 16,
    photometricInterpretation: "MONOCHROME2",
    transferSyntaxUid: "1.2.840.10008.1.2.1",
    transferSyntaxName: "Explicit VR Little Endian",
    sopClassUid: "1.2.840.10008.5.1.4.1.1.2",
    seriesInstanceUid: "1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322",
    pixelSpacing: [0.661468, 0.661468],
    pixelSpacingSource: "PixelSpacing",
    instanceNumber: 1,
    sliceLocation: -77.2040634155,
    sliceLocationSource: "SliceLocation",
    windowCenter: null,
    imageType: ["ORIGINAL", "PRIMARY", "AXIAL"],
    hasPixelData: true,
  },
  mrSmall: {
    modality: "MR",
    rows: 64,
    columns: 64,
    transferSyntaxUid: "1.2.840.10008.1.2.1",
    windowCenter: 600,
    windowWidth: 1600,
    pixelSpacing: [0.3125, 0.3125],
    sliceLocation: 0,
  },
  mrSmallBigEndian: {
    modality: "MR",
    rows: 64,
    columns: 64,
    transferSyntaxUid: "1.2.840.10008.1.2.2",
    transferSyntaxName: "Explicit VR Big Endian",
    bitsAllocated: 16,
    windowCenter: 600,
    windowWidth: 1600,
  },
  mrSmallImplicit: {
    modality: "MR",
    rows: 64,
    columns: 64,
    transferSyntaxUid: "1.2.840.10008.1.2",
    transferSyntaxName: "Implicit VR Little Endian",
    windowWidth: 1600,
  },
  mrSmallRle: { modality: "MR", rows: 64, columns: 64, transferSyntaxUid: "1.2.840.10008.1.2.5", transferSyntaxName: "RLE Lossless" },
  mrSmallJ2kLossless: {
    modality: "MR",
    rows: 64,
    columns: 64,
    transferSyntaxUid: "1.2.840.10008.1.2.4.90",
    transferSyntaxName: "JPEG 2000 (Lossless Only)",
  },
  mrSmallJpegLsLossless: {
    modality: "MR",
    rows: 64,
    columns: 64,
    transferSyntaxUid: "1.2.840.10008.1.2.4.80",
    transferSyntaxName: "JPEG-LS Lossless",
  },
  jpeg2000: {
    modality: "NM",
    rows: 1024,
    columns: 256,
    frames: 1,
    transferSyntaxUid: "1.2.840.10008.1.2.4.91",
    transferSyntaxName: "JPEG 2000",
    instanceNumber: 3,
    pixelSpacing: [2.26, 2.26],
    seriesInstanceUid: "1.3.6.1.4.1.5962.1.3.8.1.20040826185059.5457",
  },
  jpegLossy: {
    modality: "NM",
    rows: 1024,
    columns: 256,
    transferSyntaxUid: "1.2.840.10008.1.2.4.51",
    transferSyntaxName: "JPEG Extended (Process 2 & 4)",
    instanceNumber: 5,
    bitsStored: 12,
  },
  ct693J2k: {
    modality: "CT",
    rows: 512,
    columns: 512,
    transferSyntaxUid: "1.2.840.10008.1.2.4.91",
    bitsStored: 14,
    windowCenter: 40,
    windowWidth: 100,
    instanceNumber: 21,
    sliceLocation: 47,
    seriesDescription: "5/5mm Plain",
  },
  scRgbJpegBaseline: {
    modality: "OT",
    rows: 100,
    columns: 100,
    samplesPerPixel: 3,
    bitsAllocated: 8,
    photometricInterpretation: "YBR_FULL",
    transferSyntaxUid: "1.2.840.10008.1.2.4.50",
    transferSyntaxName: "JPEG Baseline (Process 1)",
  },
  scRgbRle: {
    modality: "OT",
    rows: 100,
    columns: 100,
    samplesPerPixel: 3,
    photometricInterpretation: "RGB",
    transferSyntaxUid: "1.2.840.10008.1.2.5",
  },
  deflated: {
    modality: "OT",
    rows: 512,
    columns: 512,
    bitsAllocated: 8,
    transferSyntaxUid: "1.2.840.10008.1.2.1.99",
    transferSyntaxName: "Deflated Explicit VR Little Endian",
    instanceNumber: null,
    pixelSpacing: null,
    hasPixelData: true,
  },
  dicom3toolsMr: {
    modality: "MR",
    rows: 360,
    columns: 360,
    transferSyntaxUid: "1.2.840.10008.1.2.1",
    pixelSpacing: [3, 3],
    windowCenter: 748,
    windowWidth: 1579,
    instanceNumber: 51,
    sliceLocation: -50.475371458116,
    seriesDescription: "pasl_2d",
    seriesNumber: 3,
  },
  gdcmXaMultiFrame: {
    modality: "XA",
    rows: 512,
    columns: 512,
    frames: 4,
    bitsAllocated: 8,
    transferSyntaxUid: "1.2.840.10008.1.2.4.70",
    transferSyntaxName: "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])",
    instanceNumber: 0,
    pixelSpacing: null,
    // The file's UIDs carry a trailing space before the padding; they must come out trimmed.
    sopInstanceUid: "999.999.2.19960619.163000.1.103",
  },
};

function parseError(buf: Uint8Array): DicomParseError {
  try {
    parseDicom(buf);
  } catch (e) {
    expect(e).toBeInstanceOf(DicomParseError);
    return e as DicomParseError;
  }
  throw new Error("expected a DicomParseError");
}

describe("parseDicom on real files", () => {
  for (const [key, expected] of Object.entries(EXPECTED) as [RealFileKey, Partial<DicomHeader>][]) {
    it(`${REAL_FILES[key].path.split("/").pop()}: ${expected.modality} ${expected.rows}×${expected.columns}`, () => {
      const header = parseDicom(readRealFile(key));
      expect(header).toMatchObject(expected);
      expect(header.studyInstanceUid).toMatch(/^[0-9.]+$/);
      expect(header.warnings).toEqual([]);
    });
  }
});

describe("parseDicom refuses malformed input with a clear DicomParseError", () => {
  it("truncated pixel data (pydicom MR_truncated.dcm)", () => {
    expect(parseError(readRealFile("mrTruncated")).message).toMatch(/^truncated file/);
  });

  it("a file cut inside its header", () => {
    const whole = syntheticLateralXray().buffer;
    expect(parseError(whole.subarray(0, 300)).message).toMatch(/^truncated file/);
  });

  it("a file cut inside its pixel data", () => {
    const whole = syntheticLateralXray().buffer;
    expect(parseError(whole.subarray(0, whole.length - 1000)).message).toMatch(/^truncated file/);
  });

  it("random bytes", () => {
    const rand = prng(42);
    const junk = Uint8Array.from({ length: 4096 }, () => Math.floor(rand() * 256));
    expect(parseError(junk).message).toBe("not a DICOM Part 10 file (no DICM prefix at byte 128)");
  });

  it("a buffer shorter than the preamble", () => {
    expect(parseError(Buffer.from("hello")).message).toMatch(/^not a DICOM Part 10 file \(no DICM prefix\): only 5 bytes/);
  });

  it("a bare data set without preamble and file meta information is refused, saying why", () => {
    expect(parseError(readRealFile("bareDataSet")).message).toMatch(/bare data set .* transfer syntax would have to be guessed/);
  });

  it("file meta information without a transfer syntax", () => {
    expect(parseError(readRealFile("metaWithoutTransferSyntax")).message).toBe(
      "malformed file meta information: no TransferSyntaxUID (0002,0010)",
    );
  });

  it("DICM prefix followed by garbage", () => {
    const junk = new Uint8Array(400).fill(0xff);
    junk.set(Buffer.from("DICM"), 128);
    expect(parseError(junk)).toBeInstanceOf(DicomParseError);
  });
});

describe("real test files", () => {
  it("a missing one fails with the Debian package to install", () => {
    expect(() => readFixture({ path: "/nonexistent/CT_small.dcm", debianPackage: "python3-pydicom" })).toThrow(
      "missing DICOM test file /nonexistent/CT_small.dcm: install the Debian package python3-pydicom (apt-get install -y python3-pydicom)",
    );
  });
});

describe("isDicom", () => {
  it("accepts Part 10 files and refuses everything else", () => {
    expect(isDicom(readRealFile("ctSmall"))).toBe(true);
    expect(isDicom(readRealFile("bareDataSet"))).toBe(false);
    expect(isDicom(Buffer.from("%PDF-1.7 not dicom"))).toBe(false);
    expect(isDicom(new Uint8Array(0))).toBe(false);
  });

  it("accepts a Part 10 file whose writer dropped the preamble, and parses it the same", () => {
    const whole = syntheticLateralXray().buffer;
    const noPreamble = whole.subarray(128);
    expect(isDicom(noPreamble)).toBe(true);
    expect(parseDicom(noPreamble)).toEqual(parseDicom(whole));
  });
});

describe("header details", () => {
  it("stopAtPixelData reads the header from the first part of a file only", () => {
    const whole = readRealFile("dicom3toolsMr");
    const prefix = whole.subarray(0, 130_000); // the pixel data starts at byte 124,768
    expect(parseError(prefix).message).toMatch(/^truncated file/);
    expect(parseDicom(prefix, { stopAtPixelData: true })).toMatchObject({ rows: 360, instanceNumber: 51, hasPixelData: true });
  });

  it("derives the slice location from ImagePositionPatient along the slice normal when SliceLocation is absent", () => {
    const slice = syntheticSagittalMrStack({ slices: 5, size: 64 }).files[0];
    const dict = dcmjs.data.DicomMessage.readFile(new Uint8Array(slice.buffer).buffer);
    delete dict.dict["00201041"];
    const header = parseDicom(Buffer.from(dict.write()));
    expect(header.sliceLocationSource).toBe("ImagePositionPatient");
    expect(header.sliceLocation).toBeCloseTo(slice.sliceLocation, 6);
  });

  it("uses ImagerPixelSpacing when PixelSpacing is absent and says so", () => {
    const xray = syntheticLateralXray({ rows: 128, columns: 64 });
    const dict = dcmjs.data.DicomMessage.readFile(new Uint8Array(xray.buffer).buffer);
    delete dict.dict["00280030"];
    const header = parseDicom(Buffer.from(dict.write()));
    expect(header.pixelSpacingSource).toBe("ImagerPixelSpacing");
    expect(header.pixelSpacing).toEqual(xray.header.pixelSpacing);
  });

  it("decodes text with the file's character set (UTF-8 Chinese series description)", () => {
    const xray = syntheticLateralXray({ rows: 128, columns: 64 });
    const dict = dcmjs.data.DicomMessage.readFile(new Uint8Array(xray.buffer).buffer);
    dict.dict["0008103E"] = { vr: "LO", Value: ["腰椎侧位"] }; // dcmjs keys tags in upper-case hex
    expect(parseDicom(Buffer.from(dict.write())).seriesDescription).toBe("腰椎侧位");
  });

  it("names transfer syntaxes, and says so when it does not know one", () => {
    expect(transferSyntaxName("1.2.840.10008.1.2.4.57")).toBe("JPEG Lossless, Non-Hierarchical (Process 14)");
    expect(transferSyntaxName("1.2.840.10008.1.2.4.81")).toBe("JPEG-LS Lossy (Near-Lossless)");
    expect(transferSyntaxName("1.2.840.10008.1.2.4.90")).toBe("JPEG 2000 (Lossless Only)");
    expect(transferSyntaxName("1.2.3.4")).toBe("Unknown transfer syntax (1.2.3.4)");
  });

  it("parses the full data set structure of a multi-frame encapsulated file", () => {
    const ds = readDicomDataSet(readRealFile("gdcmXaMultiFrame"));
    const px = ds.elements.x7fe00010;
    expect(px.encapsulatedPixelData).toBe(true);
    expect(px.fragments?.length).toBe(4);
  });
});
