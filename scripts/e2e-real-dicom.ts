// Imports real DICOM files from Debian's packages (pydicom's, dicom3tools' and GDCM's test data) as case
// "real-dicom", through the import with the strip policy (several carry patient identity). The end-to-end tests
// open them in the viewer: every transfer syntax either renders or is named in a clear message.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { disconnectDatabase, prepareDatabase } from "@/lib/db/client";
import { readRealFile, type RealFileKey } from "@/lib/dicom/testing/real-files";
import { runImport } from "@/lib/import/run";

const FILES: RealFileKey[] = [
  "ctSmall", "mrSmall", "mrSmallBigEndian", "mrSmallImplicit", "mrSmallRle", "mrSmallJ2kLossless", "mrSmallJpegLsLossless",
  "jpeg2000", "jpegLossy", "ct693J2k", "scRgbJpegBaseline", "scRgbRle", "dicom3toolsMr", "gdcmXaMultiFrame",
];

async function main() {
  await prepareDatabase();
  const root = mkdtempSync(path.join(os.tmpdir(), "real-dicom-"));
  mkdirSync(path.join(root, "images", "real-dicom"), { recursive: true });
  for (const key of FILES) writeFileSync(path.join(root, "images", "real-dicom", `${key}.dcm`), readRealFile(key));
  writeFileSync(path.join(root, "empty.jsonl"), "");
  const r = await runImport({ itemsFile: path.join(root, "empty.jsonl"), imagesDir: path.join(root, "images"), policy: "strip", dryRun: false, skipInvalid: false, actorId: null });
  console.log(`real DICOM files: ${r.counts.images.accepted} accepted (${r.counts.images.stripped} de-identified), ${r.counts.images.refused} refused`);
  for (const f of r.refusedImages) console.log(`  refused ${f.path}: ${f.reason}`);
  rmSync(root, { recursive: true, force: true });
  await disconnectDatabase();
}

void main();
