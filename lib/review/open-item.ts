import "server-only";
// Opening an item in the workspace takes the working lease (the short lock while it is open); the assignment's
// due date is not touched. A pool assignment whose lease was given up (a reload fires "close") is taken again
// when its slot is still free, so a reload never loses the item.
import { appendAuditMany, type AuditInput } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { assertCanViewWith, findReviewAssignment, NO_SUCH_ITEM, seesAllReviews, type Actor } from "./access";
import { isReviewable, workLeaseUntil } from "./lifecycle";
import { iso } from "./views";

export async function openItem(itemId: string, user: Actor): Promise<{ openedAt: string; workLeaseExpiresAt: string | null }> {
  return db().$transaction(async (tx) => {
    const item = await tx.item.findUnique({ where: { id: itemId }, select: { id: true, status: true, round: true, stagedBatchId: true } });
    if (!item || item.stagedBatchId) throw new NotFoundError(NO_SUCH_ITEM);
    const openedAt = new Date();
    const workLeaseExpiresAt = workLeaseUntil(openedAt);

    const events: AuditInput[] = [];
    let own = await findReviewAssignment(tx, itemId, user.id);
    if (own?.status === "released" && own.origin === "pool" && own.round === item.round && isReviewable(item.status)) {
      // Take the slot back only if nobody else took it meanwhile (a conditional decrement, like any claim).
      const slot = await tx.item.updateMany({ where: { id: itemId, openSlots: { gt: 0 }, round: item.round }, data: { openSlots: { decrement: 1 } } });
      if (slot.count === 1) {
        await tx.assignment.update({ where: { id: own.id }, data: { status: "assigned", dueAt: workLeaseExpiresAt, workLeaseExpiresAt } });
        own = { ...own, status: "assigned", dueAt: workLeaseExpiresAt, workLeaseExpiresAt };
        events.push({ actorId: user.id, action: "assignment.resume", targetType: "item", targetId: itemId, after: { assignmentId: own.id, workLeaseExpiresAt: iso(workLeaseExpiresAt) } });
      }
    }

    const assignment = assertCanViewWith(own, user);
    let leased = false;
    if (assignment?.status === "assigned") {
      const data = assignment.origin === "pool" ? { workLeaseExpiresAt, dueAt: workLeaseExpiresAt } : { workLeaseExpiresAt };
      leased = (await tx.assignment.updateMany({ where: { id: assignment.id, status: "assigned" }, data })).count === 1;
    }
    // Admins and adjudicators open items to read them: audited too, without a lease.
    events.push({
      actorId: user.id,
      action: "item.open",
      targetType: "item",
      targetId: itemId,
      after: leased ? { workLeaseExpiresAt: iso(workLeaseExpiresAt) } : seesAllReviews(user) ? { readOnly: true } : undefined,
    });
    // Written together at the end, so PostgreSQL's audit-chain lock is held only for the transaction's last moment.
    await appendAuditMany(tx, events);
    return { openedAt: iso(openedAt), workLeaseExpiresAt: leased ? iso(workLeaseExpiresAt) : null };
  });
}
