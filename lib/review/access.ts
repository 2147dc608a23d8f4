import "server-only";
// Who may see and review an item. Admins and adjudicators see every item (they settle disputes and audit the
// work); a reviewer sees only the items assigned to them, and only their own part of each until the item is
// decided (blinding: N independent reviews are only independent if no reviewer sees another's). An item a
// reviewer may not see answers exactly like an item that does not exist, so ids cannot be probed.
import type { Role } from "@/lib/auth/roles";
import type { Tx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";

/** The part of the signed-in user the review service needs (SessionUser has more). */
export interface Actor {
  id: string;
  role: Role;
}

/** Admins and adjudicators see all reviews and versions of an item; reviewers only their own. */
export function seesAllReviews(user: Actor): boolean {
  return user.role === "admin" || user.role === "adjudicator";
}

export interface ReviewAssignment {
  id: string;
  kind: "review" | "adjudication";
  status: "assigned" | "done" | "released";
  origin: "assigned" | "pool";
  round: number;
  position: number;
  dueAt: Date;
  workLeaseExpiresAt: Date | null;
  assignedAt: Date;
  completedAt: Date | null;
}

export const assignmentFields = {
  id: true,
  kind: true,
  status: true,
  origin: true,
  round: true,
  position: true,
  dueAt: true,
  workLeaseExpiresAt: true,
  assignedAt: true,
  completedAt: true,
} as const;

/** The client or a transaction: reads outside a transaction need not queue behind writers (SQLite). */
type Reader = Pick<Tx, "assignment">;

/** The user's review assignment for the item, whatever its status. */
export function findReviewAssignment(tx: Reader, itemId: string, userId: string): Promise<ReviewAssignment | null> {
  return tx.assignment.findUnique({
    where: { itemId_userId_kind: { itemId, userId, kind: "review" } },
    select: assignmentFields,
  });
}

export const NO_SUCH_ITEM = "No such item.";

/**
 * Throws NotFoundError unless the user may open the item: admins and adjudicators always; a reviewer while
 * they hold a review assignment that was not released (done still counts: they may look at what they saved).
 * Returns the user's review assignment, if any.
 */
export async function assertCanView(tx: Reader, itemId: string, user: Actor): Promise<ReviewAssignment | null> {
  return assertCanViewWith(await findReviewAssignment(tx, itemId, user.id), user);
}

/** The same rule, for a caller that has read the user's review assignment already. */
export function assertCanViewWith(assignment: ReviewAssignment | null, user: Actor): ReviewAssignment | null {
  if (seesAllReviews(user)) return assignment;
  if (!assignment || assignment.status === "released") throw new NotFoundError(NO_SUCH_ITEM);
  return assignment;
}
