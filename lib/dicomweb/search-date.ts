// DICOM date matching for a study search: a day, a range, or an open range (PS3.4 C.2.2.2.5).
const compact = (d: string) => d.replaceAll("-", "");

export function studyDateQuery(from?: string, to?: string): string | undefined {
  if (!from && !to) return undefined;
  if (from && to && from === to) return compact(from);
  return `${from ? compact(from) : ""}-${to ? compact(to) : ""}`;
}
