import "server-only";
// Sending a decided item back to review: a new round on the item's current version, with a note that the
// reviewers of the new round see. The reviewers of the round just decided get their assignments back (due in
// DEFAULT_DUE_DAYS), and the slots they do not fill are open for others. One transaction, audited.
import { appendAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { sendBackSchema, type SendBackInput } from "@/lib/adjudication/schemas";
import type { Actor } from "./access";
import { DEFAULT_DUE_DAYS, dueAfterDays, transition, TransitionError, type ItemStatus } from "./lifecycle";
import { recordItemChange } from "@/lib/dashboard/record";

export interface SendBackResult {
  item: { id: string; status: ItemStatus; round: number; openSlots: number; sendBackNote: string };
  /** The review assignments given back to the previous round's reviewers. */
  reopened: { assignmentId: string; userId: string }[];
}

export async function sendBack(itemId: string, raw: SendBackInput, user: Actor, now = new Date()): Promise<SendBackResult> {
  if (user.role !== "admin" && user.role !== "adjudicator") throw new ForbiddenError("Only admins and adjudicators send items back to review.");
  const parsed = sendBackSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? "The send-back is not valid.", { issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
  const { note } = parsed.data;
  return db().$transaction((tx) => sendBackInTx(tx, itemId, note, user, now));
}

/** The send-back inside the caller's transaction (a bulk send-back does many in one); the note is already checked. */
export async function sendBackInTx(tx: Tx, itemId: string, note: string, user: Actor, now = new Date()): Promise<SendBackResult> {
  {
    // The item's row lock first (as a review's save and an adjudication take it): nothing decides the item while it
    // is being sent back.
    const touched = await tx.item.updateMany({ where: { id: itemId, stagedBatchId: null }, data: { updatedAt: now } });
    if (touched.count === 0) throw new NotFoundError("No such item.");
    const item = await tx.item.findUniqueOrThrow({
      where: { id: itemId },
      select: { id: true, status: true, round: true, requiredReviews: true, finalDecision: true, openSlots: true, currentVersionId: true, sendBackNote: true },
    });
    let status: ItemStatus;
    try {
      status = transition(item.status, "sent_back");
    } catch (e) {
      if (e instanceof TransitionError) throw new ConflictError(e.message, { status: item.status });
      throw e;
    }
    const round = item.round + 1;

    // The reviewers whose reviews made up the round being reopened.
    const reviewers = await tx.review.findMany({ where: { itemId, round: item.round, isAdjudication: false }, select: { reviewerId: true }, distinct: ["reviewerId"] });
    const assignments = await tx.assignment.findMany({
      where: { itemId, kind: "review", status: "done", userId: { in: reviewers.map((r) => r.reviewerId) } },
      select: { id: true, userId: true, origin: true, round: true },
    });
    const dueAt = dueAfterDays(now, DEFAULT_DUE_DAYS);
    if (assignments.length) {
      // A pool pull lived only as long as its working lease; given back with a due date, it is an assignment.
      await tx.assignment.updateMany({
        where: { id: { in: assignments.map((a) => a.id) } },
        data: { status: "assigned", origin: "assigned", round, dueAt, completedAt: null, workLeaseExpiresAt: null },
      });
    }
    const openSlots = Math.max(0, Math.max(1, item.requiredReviews) - assignments.length);
    await tx.item.update({ where: { id: itemId }, data: { status, round, finalDecision: null, sendBackNote: note, openSlots } });

    await appendAudit(tx, {
      actorId: user.id,
      action: "item.send_back",
      targetType: "item",
      targetId: itemId,
      before: { status: item.status, round: item.round, finalDecision: item.finalDecision, openSlots: item.openSlots, sendBackNote: item.sendBackNote },
      after: { status, round, finalDecision: null, openSlots, sendBackNote: note, currentVersionId: item.currentVersionId, reopened: assignments.map((a) => a.id) },
    });
    for (const a of assignments) {
      await appendAudit(tx, {
        actorId: user.id,
        action: "assignment.reopen",
        targetType: "assignment",
        targetId: a.id,
        before: { status: "done", round: a.round, origin: a.origin },
        after: { status: "assigned", round, origin: "assigned", dueAt: dueAt.toISOString(), itemId, userId: a.userId },
      });
    }
    await recordItemChange(tx, itemId);
    return { item: { id: itemId, status, round, openSlots, sendBackNote: note }, reopened: assignments.map((a) => ({ assignmentId: a.id, userId: a.userId })) };
  }
}
