import "server-only";
// Who may read an image, in one place: the review page asks it which cases the viewer offers for an item, and the
// image route asks it whether one file may be sent. Admins and adjudicators read any image. A reviewer reads
// every image of every case that an item assigned to them (not released) shows: a surgeon counts levels up from
// the sacrum across the whole series, so the viewer offers the whole case of each of the item's images, not only
// the slices the item names. Nothing of a case where the reviewer holds no item.
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";

type User = Pick<SessionUser, "id" | "role">;

/** The cases whose series the viewer offers for an item: the cases of the item's own images. */
export function viewerCaseIds(itemImages: { caseId: string }[]): string[] {
  return [...new Set(itemImages.map((i) => i.caseId))];
}

/** Whether the user may read the image; `caseId` saves looking it up when the caller has read the image already. */
export async function canReadImage(user: User, imageId: string, caseId?: string): Promise<boolean> {
  if (user.role === "admin" || user.role === "adjudicator") return true;
  const image = caseId ? { series: { caseId } } : await db().image.findUnique({ where: { id: imageId }, select: { series: { select: { caseId: true } } } });
  if (!image) return false;
  // Some item assigned to the user shows an image of this image's case (viewerCaseIds of that item holds it).
  const linked = await db().itemImage.count({
    where: {
      image: { series: { caseId: image.series.caseId } },
      item: { stagedBatchId: null, assignments: { some: { userId: user.id, kind: "review", status: { not: "released" } } } },
    },
  });
  return linked > 0;
}
