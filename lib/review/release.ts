import "server-only";
// Giving an item back. Skip: a pool assignment returns its review slot to the pool at once; an assignment an admin
// handed out stays in the queue (it is due in days) and only its working lease ends. Close (the workspace was
// left): the working lease ends; a pool assignment goes back to the pool, and opening the item again takes it
// back if nobody else did meanwhile. Expired working leases of pool assignments are released the same way.
import { appendAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { findReviewAssignment, NO_SUCH_ITEM, type Actor } from "./access";

export type ReleaseReason = "skip" | "close";

/** Releases one held assignment and gives its slot back, inside the caller's transaction. */
export async function releaseSlot(
  tx: Tx,
  a: { id: string; itemId: string; userId: string; round: number },
  actorId: string | null,
  reason: string,
  expiredBefore?: Date,
): Promise<boolean> {
  // Conditional: a heartbeat that renewed the lease a moment ago wins over the expiry sweep.
  const where = expiredBefore ? { id: a.id, status: "assigned" as const, workLeaseExpiresAt: { lt: expiredBefore } } : { id: a.id, status: "assigned" as const };
  const done = await tx.assignment.updateMany({ where, data: { status: "released", workLeaseExpiresAt: null } });
  if (done.count !== 1) return false;
  // The slot returns only to the round it was taken in.
  await tx.item.updateMany({ where: { id: a.itemId, round: a.round }, data: { openSlots: { increment: 1 } } });
  await appendAudit(tx, { actorId, action: "assignment.release", targetType: "item", targetId: a.itemId, before: { assignmentId: a.id, userId: a.userId, status: "assigned" }, after: { status: "released", reason } });
  return true;
}

export async function releaseItem(itemId: string, user: Actor, reason: ReleaseReason): Promise<{ released: boolean }> {
  return db().$transaction(async (tx) => {
    const own = await findReviewAssignment(tx, itemId, user.id);
    if (!own) {
      if ((await tx.item.count({ where: { id: itemId } })) && user.role !== "reviewer") return { released: false };
      throw new NotFoundError(NO_SUCH_ITEM);
    }
    if (own.status !== "assigned") return { released: false };
    if (own.origin === "pool") {
      return { released: await releaseSlot(tx, { id: own.id, itemId, userId: user.id, round: own.round }, user.id, reason) };
    }
    await tx.assignment.updateMany({ where: { id: own.id, status: "assigned" }, data: { workLeaseExpiresAt: null } });
    return { released: false };
  });
}

/** Releases pool assignments whose working lease ran out (at most `limit` per call); returns how many. */
export async function releaseExpiredWorkLeases(now = new Date(), limit = 200): Promise<number> {
  const expired = await db().assignment.findMany({
    where: { status: "assigned", origin: "pool", workLeaseExpiresAt: { lt: now } },
    select: { id: true, itemId: true, userId: true, round: true },
    take: limit,
  });
  let released = 0;
  for (const a of expired) {
    const ok = await db().$transaction((tx) => releaseSlot(tx, a, null, "working lease expired", now));
    if (ok) released++;
  }
  return released;
}
