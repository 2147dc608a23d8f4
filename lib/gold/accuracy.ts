import "server-only";
// How well each reviewer's decisions match the gold items' expected outcomes (lifecycle.scoreAgainstGold). A
// reviewer's latest non-adjudication review of each gold item counts once, so a reviewer who reviewed an item
// again after a send-back is scored on their latest judgement.
import { db } from "@/lib/db/client";
import { scoreAgainstGold, type GoldExpectation } from "@/lib/review/lifecycle";

export interface GoldAccuracy {
  reviewerId: string;
  reviewerName: string;
  /** Gold items the reviewer reviewed. */
  items: number;
  /** Of them, those whose item decision and every expected level matched. */
  correct: number;
  levelsCorrect: number;
  levelsTotal: number;
  /** correct / items; null when no gold item was reviewed. */
  accuracy: number | null;
}

export interface AccuracyOptions {
  /** Only this reviewer. */
  reviewerId?: string;
  /** Only reviews submitted before this moment. */
  before?: Date;
}

/** Per reviewer who reviewed at least one gold item (or the one reviewer asked for, even with none), by name. */
export async function goldAccuracy(options: AccuracyOptions = {}): Promise<GoldAccuracy[]> {
  const reviews = await db().review.findMany({
    where: {
      isAdjudication: false,
      item: { isGold: true, gold: { isNot: null } },
      ...(options.reviewerId ? { reviewerId: options.reviewerId } : {}),
      ...(options.before ? { submittedAt: { lt: options.before } } : {}),
    },
    orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
    select: {
      itemId: true,
      reviewerId: true,
      decision: true,
      reviewer: { select: { name: true } },
      levels: { select: { level: true, decision: true, correctedLevel: true } },
      item: { select: { gold: { select: { decision: true, levels: true } } } },
    },
  });
  const byReviewer = new Map<string, GoldAccuracy>();
  const seen = new Set<string>();
  for (const r of reviews) {
    const key = `${r.reviewerId} ${r.itemId}`;
    if (seen.has(key) || !r.item.gold) continue; // newest first: the latest review of the item counts
    seen.add(key);
    const gold: GoldExpectation = { decision: r.item.gold.decision, levels: r.item.gold.levels as GoldExpectation["levels"] };
    const score = scoreAgainstGold(gold, { decision: r.decision, levels: r.levels });
    const acc = byReviewer.get(r.reviewerId) ?? { reviewerId: r.reviewerId, reviewerName: r.reviewer.name, items: 0, correct: 0, levelsCorrect: 0, levelsTotal: 0, accuracy: null };
    acc.items++;
    if (score.correct) acc.correct++;
    acc.levelsCorrect += score.levelsCorrect;
    acc.levelsTotal += score.levelsTotal;
    byReviewer.set(r.reviewerId, acc);
  }
  if (options.reviewerId && !byReviewer.has(options.reviewerId)) {
    const u = await db().user.findUnique({ where: { id: options.reviewerId }, select: { name: true } });
    byReviewer.set(options.reviewerId, { reviewerId: options.reviewerId, reviewerName: u?.name ?? "", items: 0, correct: 0, levelsCorrect: 0, levelsTotal: 0, accuracy: null });
  }
  return [...byReviewer.values()]
    .map((a) => ({ ...a, accuracy: a.items ? a.correct / a.items : null }))
    .sort((a, b) => a.reviewerName.localeCompare(b.reviewerName) || a.reviewerId.localeCompare(b.reviewerId));
}

/**
 * A reviewer's own figure, as the reviewer is shown it: over gold reviews submitted before today (UTC) only, so
 * a figure that moves right after a review never tells which item was gold.
 */
export async function myGoldAccuracy(reviewerId: string, now = new Date()): Promise<{ mine: GoldAccuracy; asOf: string }> {
  const asOf = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [mine] = await goldAccuracy({ reviewerId, before: asOf });
  return { mine, asOf: asOf.toISOString() };
}

/** Below this many gold items the reviewer's card is not shown: a figure over one or two items says little. */
export const MIN_GOLD_ITEMS_SHOWN = 3;
