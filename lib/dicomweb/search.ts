import "server-only";
// Browsing a PACS from the Import page: studies by accession number, modality and date (QIDO-RS). The answer
// shows what an admin needs to pick a study and nothing about the patient (no name, id or birth date).
import { clientFor, getEndpoint } from "./endpoints";
import type { StudySummary } from "./client";
import type { StudySearchInput } from "./schemas";
import { studyDateQuery } from "./search-date";


export async function searchPacsStudies(input: StudySearchInput): Promise<{ endpoint: string; studies: StudySummary[] }> {
  const endpoint = await getEndpoint(input.endpointId);
  const studies = await clientFor(endpoint).searchStudies({
    accessionNumber: input.accessionNumber, modality: input.modality, studyDate: studyDateQuery(input.dateFrom, input.dateTo), limit: 100,
  });
  studies.sort((a, b) => (b.studyDate ?? "").localeCompare(a.studyDate ?? "") || (a.accessionNumber ?? "").localeCompare(b.accessionNumber ?? ""));
  return { endpoint: endpoint.name, studies };
}

/** One search with limit 1: does the endpoint answer, with these credentials? */
export async function testEndpoint(id: string): Promise<{ ok: true; message: string }> {
  const endpoint = await getEndpoint(id);
  await clientFor(endpoint).searchStudies({ limit: 1 });
  return { ok: true, message: `The PACS "${endpoint.name}" answered a study search.` };
}
