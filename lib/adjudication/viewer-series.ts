import "server-only";
// The viewer's input for an item: its own series first, then the rest of its cases for context (as in review).
import { caseWithSeries } from "@/lib/images/queries";
import type { ViewerSeries } from "@/lib/viewer/types";

export async function itemViewerSeries(images: { seriesId: string; caseId: string }[]): Promise<ViewerSeries[]> {
  const series: ViewerSeries[] = [];
  for (const c of [...new Set(images.map((i) => i.caseId))]) {
    const detail = await caseWithSeries(c);
    if (detail) series.push(...detail.series);
  }
  const own = new Set(images.map((i) => i.seriesId));
  return series.sort((a, b) => Number(own.has(b.id)) - Number(own.has(a.id)));
}
