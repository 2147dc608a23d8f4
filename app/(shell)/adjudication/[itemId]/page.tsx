import { forbidden, notFound } from "next/navigation";
import { AdjudicationScreen } from "@/components/adjudication/AdjudicationScreen";
import { DecidedView } from "@/components/adjudication/DecidedView";
import { getAdjudicationItem } from "@/lib/adjudication/get-item";
import { itemViewerSeries } from "@/lib/adjudication/viewer-series";
import { requirePageRole } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

export const metadata = { title: "Adjudicate" };

export default async function AdjudicateItemPage({ params }: { params: Promise<{ itemId: string }> }) {
  const user = await requirePageRole("adjudicator", "admin");
  const { itemId } = await params;
  let item;
  try {
    item = await getAdjudicationItem(itemId, user);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) notFound();
    if (e instanceof AppError && e.status === 403) forbidden();
    throw e;
  }
  if (item.status !== "disputed") return <DecidedView item={item} />;
  return <AdjudicationScreen key={`${item.id}:${item.base.id}`} item={item} series={await itemViewerSeries(item.images)} />;
}
