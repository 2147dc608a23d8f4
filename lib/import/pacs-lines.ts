import "server-only";
// A first pass over an items file for its PACS references: the instances have to be pulled (chunk 0 of the
// import, with the other images) before the lines are written. Only lines that mention studyInstanceUid are
// parsed; a line that is invalid is reported by the main pass, not here.
import { isPacsRef } from "@/lib/items/schema";
import { parseImportLine } from "@/lib/items/parse-line";
import { readLines } from "./lines";
import type { PacsRequest } from "./pacs-pull";

/**
 * The PACS requests of the file's valid lines. Their images go to the line's case (provenance.caseId), or, when it
 * has none, to a case named after the study's de-identified UID (never the PACS's own UID, which may identify).
 */
export async function pacsRequestsOf(itemsFile: string, uidMap: (uid: string) => string): Promise<PacsRequest[]> {
  const out: PacsRequest[] = [];
  let lineNo = 0;
  for await (const text of readLines(itemsFile)) {
    lineNo++;
    if (!text.includes("studyInstanceUid")) continue;
    const parsed = parseImportLine(text, lineNo);
    if (!parsed.ok) continue;
    for (const ref of parsed.line.images) {
      if (!isPacsRef(ref)) continue;
      out.push({ ref, caseExternalId: parsed.line.provenance.caseId ?? pacsCaseId(ref.studyInstanceUid, uidMap) });
    }
  }
  return out;
}

export const pacsCaseId = (studyUid: string, uidMap: (uid: string) => string) => `pacs-study-${uidMap(studyUid)}`;
