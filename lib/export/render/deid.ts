// The original DICOM for an export, through the same de-identification gate as the import (PS3.15 basic profile,
// lib/dicom/phi). Stored files were already stripped at import and pass unchanged (so a rebuilt snapshot keeps its
// bytes); anything else is stripped with the import's UID key, so a study keeps one new UID across import and
// export. The result is checked once more, and any finding left stops the export of that file.
import { authSecret } from "@/lib/auth/secret";
import { DicomParseError } from "@/lib/dicom/parse";
import { checkDeidentified, describeFinding, deterministicUidMapper, PhiRefusedError, stripPhi } from "@/lib/dicom/phi";
import { RenderError } from "./errors";

function uidMapper(): (uid: string) => string {
  return deterministicUidMapper(`${authSecret()}:deidentification`);
}

function checked(buf: Uint8Array, name?: string) {
  try {
    return checkDeidentified(buf);
  } catch (e) {
    if (e instanceof DicomParseError) throw new RenderError(`cannot be read as DICOM: ${e.message}`, name);
    throw e;
  }
}

export async function deidentifiedDicomForExport(bytes: Uint8Array, opts: { name?: string }): Promise<Uint8Array> {
  if (checked(bytes, opts.name).clean) return bytes;
  let out: Uint8Array;
  try {
    out = stripPhi(bytes, { uidMap: uidMapper() }).buffer;
  } catch (e) {
    if (e instanceof PhiRefusedError || e instanceof DicomParseError) throw new RenderError(`not exported: ${e.message}`, opts.name);
    throw e;
  }
  const after = checked(out, opts.name);
  if (!after.clean) {
    throw new RenderError(`not exported: de-identification leaves ${after.findings.map(describeFinding).join(", ")}`, opts.name);
  }
  return out;
}
