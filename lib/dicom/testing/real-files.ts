// Real DICOM files that Debian packages install, used as test fixtures (never committed to the repository).
// A missing file fails the test with the package to install: skipping would let CI pass without testing anything.
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

export interface RealFile {
  path: string;
  debianPackage: string;
}

const PYDICOM = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

function pydicom(name: string): RealFile {
  return { path: `${PYDICOM}/${name}`, debianPackage: "python3-pydicom" };
}

export const REAL_FILES = {
  ctSmall: pydicom("CT_small.dcm"),
  mrSmall: pydicom("MR_small.dcm"),
  mrSmallBigEndian: pydicom("MR_small_bigendian.dcm"),
  mrSmallImplicit: pydicom("MR_small_implicit.dcm"),
  mrSmallRle: pydicom("MR_small_RLE.dcm"),
  mrSmallJ2kLossless: pydicom("MR_small_jp2klossless.dcm"),
  mrSmallJpegLsLossless: pydicom("MR_small_jpeg_ls_lossless.dcm"),
  mrTruncated: pydicom("MR_truncated.dcm"),
  jpeg2000: pydicom("JPEG2000.dcm"),
  jpegLossy: pydicom("JPEG-lossy.dcm"),
  ct693J2k: pydicom("693_J2KI.dcm"),
  scRgbJpegBaseline: pydicom("SC_rgb_jpeg_dcmtk.dcm"),
  scRgbRle: pydicom("SC_rgb_rle.dcm"),
  deflated: pydicom("image_dfl.dcm"),
  metaWithoutTransferSyntax: pydicom("meta_missing_tsyntax.dcm"),
  bareDataSet: pydicom("ExplVR_LitEndNoMeta.dcm"),
  dicom3toolsMr: { path: "/usr/share/doc/dicom3tools/examples/0051.dcm", debianPackage: "dicom3tools" },
  gdcmXaMultiFrame: { path: "/usr/share/doc/libgdcm3.0/examples/00191113.dcm", debianPackage: "libgdcm-tools" },
} satisfies Record<string, RealFile>;

export type RealFileKey = keyof typeof REAL_FILES;

/**
 * Reads a real test file, transparently gunzipping it when Debian ships it compressed (docs under
 * /usr/share/doc are sometimes gzipped). Throws a one-line message naming the package when it is missing.
 */
export function readRealFile(key: RealFileKey): Buffer {
  return readFixture(REAL_FILES[key]);
}

export function readFixture(file: RealFile): Buffer {
  if (existsSync(file.path)) return readFileSync(file.path);
  if (existsSync(`${file.path}.gz`)) return gunzipSync(readFileSync(`${file.path}.gz`));
  throw new Error(
    `missing DICOM test file ${file.path}: install the Debian package ${file.debianPackage} (apt-get install -y ${file.debianPackage})`,
  );
}
