// What the PACS tests load into Orthanc: Debian's real DICOM test files (pydicom's CT_small.dcm carries patient
// identity and private elements; dicom3tools' 0051.dcm is an MR) and a generated sagittal T2 spine series.
import { readRealFile } from "../../lib/dicom/testing/real-files";
import { parseDicom } from "../../lib/dicom/parse";
import { syntheticSagittalMrStack } from "../../lib/dicom/synthetic";
import type { OrthancPeer } from "./orthanc";

export interface LoadedStudy {
  studyUid: string;
  seriesUid: string;
  instanceUids: string[];
}

function describe(files: Buffer[]): LoadedStudy {
  const headers = files.map((f) => parseDicom(f));
  return { studyUid: headers[0].studyInstanceUid, seriesUid: headers[0].seriesInstanceUid, instanceUids: headers.map((h) => h.sopInstanceUid) };
}

export async function loadFiles(pacs: OrthancPeer, files: Buffer[]): Promise<LoadedStudy> {
  for (const f of files) await pacs.upload(f);
  return describe(files);
}

export function spineSeries(slices = 15, seed = 7, size?: number): Buffer[] {
  return syntheticSagittalMrStack({ caseId: `pacs-spine-${seed}`, seed, slices, size }).files.map((f) => f.buffer);
}

export async function loadTestStudies(pacs: OrthancPeer) {
  return {
    ct: await loadFiles(pacs, [readRealFile("ctSmall")]),
    mr: await loadFiles(pacs, [readRealFile("dicom3toolsMr")]),
    spine: await loadFiles(pacs, spineSeries()),
  };
}
