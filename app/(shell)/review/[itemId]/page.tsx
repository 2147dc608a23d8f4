import { notFound } from "next/navigation";
import { ReviewScreen } from "@/components/review/ReviewScreen";
import { requirePageRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { viewerCaseIds } from "@/lib/images/access";
import { caseWithSeries } from "@/lib/images/queries";
import { getReviewItem, queueNeighbours } from "@/lib/review";
import type { ViewerSeries } from "@/lib/viewer/types";
import { forbidden } from "next/navigation";

export const metadata = { title: "Review" };

export default async function ReviewPage({ params }: { params: Promise<{ itemId: string }> }) {
  const user = await requirePageRole("reviewer", "adjudicator", "admin");
  const { itemId } = await params;
  let item;
  try {
    item = await getReviewItem(itemId, user);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) notFound();
    if (e instanceof AppError && e.status === 403) forbidden();
    throw e;
  }
  const queue = await queueNeighbours(user.id, item.id);
  // The viewer shows the item's own series first, then the rest of its case (lib/images/access says which cases).
  const series: ViewerSeries[] = [];
  for (const c of viewerCaseIds(item.images)) {
    const detail = await caseWithSeries(c);
    if (detail) series.push(...detail.series);
  }
  const itemSeries = new Set(item.images.map((i) => i.seriesId));
  series.sort((a, b) => Number(itemSeries.has(b.id)) - Number(itemSeries.has(a.id)));
  const next = queue.nextId
    ? await db().itemImage.findMany({ where: { itemId: queue.nextId }, orderBy: { position: "asc" }, select: { imageId: true }, take: 6 })
    : [];
  return (
    <ReviewScreen
      item={item}
      userId={user.id}
      queue={queue}
      series={series}
      initialSeriesId={item.images[0]?.seriesId}
      prefetchImageIds={next.map((n) => n.imageId)}
    />
  );
}
