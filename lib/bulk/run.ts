import "server-only";
// Running a bulk action over a list of item ids, through the same domain functions a single change uses
// (lib/gold, lib/review/send-back, lib/assignments), each change audited in its transaction. A list of up to
// MAX_INLINE ids is one transaction; a longer one (a job) is worked through in chunks of CHUNK, one transaction
// each, reporting progress after each, so a 100,000-item action never holds the database for long.
import { assignItems } from "@/lib/assignments/service";
import { appendAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db/client";
import { setGoldInTx, unsetGoldInTx } from "@/lib/gold/mark";
import type { Actor } from "@/lib/review/access";
import { decideRound } from "@/lib/review/decide-round";
import { canTransition, isReviewable, type ItemStatus } from "@/lib/review/lifecycle";
import { sendBackInTx } from "@/lib/review/send-back";
import { MAX_INLINE, type BulkAction, type BulkReport } from "./schemas";

export const CHUNK = 500;
const MAX_REASONS = 20;

export interface BulkProgress {
  done: number;
  total: number;
}

type Outcome = { changed: true } | { changed: false; reason: string };

async function requiredReviewsInTx(tx: Tx, itemId: string, n: number, user: Actor): Promise<Outcome> {
  const item = await tx.item.findFirst({
    where: { id: itemId, stagedBatchId: null },
    select: { id: true, status: true, round: true, requiredReviews: true, openSlots: true, currentVersionId: true },
  });
  if (!item) return { changed: false, reason: `${itemId}: no such item` };
  if (item.requiredReviews === n) return { changed: false, reason: `${itemId}: already needs ${n}` };
  // While the item takes reviews its open slots follow the new number (as a re-import does); a decided item keeps
  // its slots, and the number applies from its next round.
  const openSlots = isReviewable(item.status) ? Math.max(0, item.openSlots + n - item.requiredReviews) : item.openSlots;
  await tx.item.update({ where: { id: itemId }, data: { requiredReviews: n, openSlots } });
  await appendAudit(tx, {
    actorId: user.id,
    action: "item.required_reviews",
    targetType: "item",
    targetId: itemId,
    before: { requiredReviews: item.requiredReviews, openSlots: item.openSlots },
    after: { requiredReviews: n, openSlots },
  });
  // Fewer reviews now needed than the round already has: the round is decided now, as the last review would have.
  if (item.status === "in_review") {
    const reviews = await tx.review.count({ where: { itemId, round: item.round, isAdjudication: false } });
    if (reviews >= n) await decideRound(tx, { ...item, requiredReviews: n }, user.id);
  }
  return { changed: true };
}

async function oneInTx(tx: Tx, itemId: string, action: BulkAction, user: Actor, levelsOf: Map<string, { status: ItemStatus; isGold: boolean; levels: string[] }>): Promise<Outcome> {
  const info = levelsOf.get(itemId);
  if (!info) return { changed: false, reason: `${itemId}: no such item` };
  switch (action.action) {
    case "gold": {
      const levels = Object.fromEntries(action.expected === "accept" ? info.levels.map((l) => [l, { decision: "accept" as const, correctedLevel: null }]) : []);
      await setGoldInTx(tx, itemId, { decision: action.expected, levels, note: "set in bulk from the items browser" }, user);
      return { changed: true };
    }
    case "ungold":
      if (!info.isGold) return { changed: false, reason: `${itemId}: not gold` };
      await unsetGoldInTx(tx, itemId, user);
      return { changed: true };
    case "send_back":
      if (!canTransition(info.status, "sent_back")) return { changed: false, reason: `${itemId}: ${info.status.replace("_", " ")}, not decided` };
      await sendBackInTx(tx, itemId, action.note, user);
      return { changed: true };
    case "required_reviews":
      return requiredReviewsInTx(tx, itemId, action.requiredReviews, user);
    case "assign":
      throw new Error("assign runs through lib/assignments");
  }
}

/** Runs the action over the ids, in one transaction when they are few, in chunks otherwise. */
export async function runBulk(action: BulkAction, itemIds: string[], user: Actor, onProgress?: (p: BulkProgress) => void): Promise<BulkReport> {
  const ids = [...new Set(itemIds)];
  const report: BulkReport = { action: action.action, items: ids.length, changed: 0, skipped: 0, reasons: [] };
  const skip = (reason: string) => {
    report.skipped++;
    if (report.reasons.length < MAX_REASONS) report.reasons.push(reason);
  };
  if (action.action === "assign") {
    const r = await assignItems({
      reviewerEmails: action.reviewers,
      itemIds: ids,
      dueDays: action.dueDays,
      actorId: user.id,
      onProgress: (p) => onProgress?.({ done: p.itemsConsidered, total: ids.length }),
    });
    report.assignments = r.assignmentsCreated;
    report.changed = r.itemsAssigned;
    report.skipped = ids.length - r.itemsAssigned;
    if (report.skipped > 0) report.reasons.push(`${report.skipped} item(s) got no new reviewer from this list: no open slot, not taking reviews, or already held by these reviewers`);
    return report;
  }
  const size = ids.length <= MAX_INLINE ? MAX_INLINE : CHUNK;
  for (let i = 0; i < ids.length; i += size) {
    const part = ids.slice(i, i + size);
    const outcomes = await db().$transaction(
      async (tx) => {
        const rows = await tx.item.findMany({ where: { id: { in: part }, stagedBatchId: null }, select: { id: true, status: true, isGold: true, levels: { select: { level: true }, orderBy: { rank: "asc" } } } });
        const info = new Map(rows.map((r) => [r.id, { status: r.status, isGold: r.isGold, levels: r.levels.map((l) => l.level) }]));
        const out: Outcome[] = [];
        for (const id of part) out.push(await oneInTx(tx, id, action, user, info));
        return out;
      },
      { timeout: 300_000, maxWait: 30_000 },
    );
    for (const o of outcomes) {
      if (o.changed) report.changed++;
      else skip(o.reason);
    }
    onProgress?.({ done: Math.min(ids.length, i + part.length), total: ids.length });
  }
  return report;
}
