import "server-only";
// Who may read an image file: admins and adjudicators any image; a reviewer only the images of items assigned to
// them (not released), so the image route is no way around the assignment.
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";

export async function canReadImage(user: Pick<SessionUser, "id" | "role">, imageId: string): Promise<boolean> {
  if (user.role === "admin" || user.role === "adjudicator") return true;
  const linked = await db().itemImage.count({
    where: { imageId, item: { stagedBatchId: null, assignments: { some: { userId: user.id, status: { not: "released" } } } } },
  });
  return linked > 0;
}
