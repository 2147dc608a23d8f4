import "server-only";
// The item's status after a review: waiting for more reviews, or settled by the round's reviews under the
// agreement rule of lib/review/lifecycle (agreeing reviews approve or reject; any disagreement — item decision,
// a level's decision or correction target, two different edits, rubric scores beyond the tolerance — sends the
// item to adjudication). Runs inside the review's transaction.
import type { ItemStatus } from "@/lib/db/generated/sqlite/enums";
import { appendAudit, type AuditInput } from "@/lib/audit";
import type { Tx } from "@/lib/db/client";
import { describeDisagreement, roundEvent, roundOutcome, transition, type RoundReview } from "./lifecycle";

export interface ItemOutcome {
  id: string;
  status: ItemStatus;
  currentVersionId: string | null;
  currentVersionNumber: number | null;
  /** Reviews of the current round, this one included. */
  reviewsDone: number;
  requiredReviews: number;
}

/** The round's independent reviews, as the agreement rule sees them. */
export async function roundReviews(tx: Pick<Tx, "review" | "itemVersion">, itemId: string, round: number): Promise<(RoundReview & { resultVersionId: string | null })[]> {
  const rows = await tx.review.findMany({
    where: { itemId, isAdjudication: false, round },
    orderBy: { submittedAt: "asc" },
    select: {
      id: true,
      decision: true,
      rubric: true,
      resultVersionId: true,
      levels: { select: { level: true, decision: true, correctedLevel: true } },
    },
  });
  const versionIds = rows.map((r) => r.resultVersionId).filter((v): v is string => v !== null);
  const hashes = new Map<string, string>();
  if (versionIds.length) {
    const versions = await tx.itemVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, contentHash: true } });
    for (const v of versions) hashes.set(v.id, v.contentHash);
  }
  return rows.map((r) => ({
    reviewId: r.id,
    decision: r.decision,
    editHash: r.resultVersionId ? (hashes.get(r.resultVersionId) ?? r.resultVersionId) : null,
    levels: r.levels,
    rubric: (r.rubric as Record<string, number> | null) ?? null,
    resultVersionId: r.resultVersionId,
  }));
}

export async function decideRound(
  tx: Tx,
  item: { id: string; status: ItemStatus; round: number; requiredReviews: number; currentVersionId: string | null },
  actorId: string,
  /** Where to put the status event when the caller writes its events together; else it is written at once. */
  events?: AuditInput[],
  /** Version numbers the caller has read already (id → number), sparing a lookup. */
  knownNumbers?: ReadonlyMap<string, number>,
): Promise<ItemOutcome> {
  const reviews = await roundReviews(tx, item.id, item.round);
  const required = Math.max(1, item.requiredReviews);
  const outcome = roundOutcome(reviews, required);
  const status = transition(item.status, roundEvent(outcome));
  let currentVersionId = item.currentVersionId;
  let finalDecision: "accept" | "edit" | "reject" | null = null;
  if (outcome.kind === "accepted") {
    finalDecision = outcome.decision;
    // The agreed edit (every review of the round made the same text) becomes what exports use.
    const edit = reviews.find((r) => r.resultVersionId !== null);
    if (outcome.decision === "edit" && edit) currentVersionId = edit.resultVersionId;
  } else if (outcome.kind === "rejected") {
    finalDecision = "reject";
  }

  if (status !== item.status || currentVersionId !== item.currentVersionId) {
    const decided = outcome.kind !== "incomplete";
    await tx.item.update({
      where: { id: item.id },
      data: { status, currentVersionId, finalDecision, ...(decided ? { openSlots: 0 } : {}) },
    });
    const event: AuditInput = {
      actorId,
      action: "item.status",
      targetType: "item",
      targetId: item.id,
      before: { status: item.status, currentVersionId: item.currentVersionId },
      after: {
        status,
        currentVersionId,
        reviews: reviews.length,
        requiredReviews: required,
        round: item.round,
        ...(outcome.kind === "disputed" ? { disagreements: outcome.disagreements.map(describeDisagreement) } : {}),
      },
    };
    if (events) events.push(event);
    else await appendAudit(tx, event);
  }
  const known = currentVersionId ? knownNumbers?.get(currentVersionId) : undefined;
  const current =
    known !== undefined ? { number: known } : currentVersionId ? await tx.itemVersion.findUnique({ where: { id: currentVersionId }, select: { number: true } }) : null;
  return {
    id: item.id,
    status,
    currentVersionId,
    currentVersionNumber: current?.number ?? null,
    reviewsDone: reviews.length,
    requiredReviews: required,
  };
}
