import "server-only";
// Running a bulk action over a list of item ids, through the same domain functions a single change uses
// (lib/gold, lib/review/send-back, lib/assignments), each change audited in its transaction. A list of up to
// MAX_INLINE ids is one transaction; a longer one (a job) is worked through in chunks of CHUNK, one transaction
// each, reporting progress after each, so a 100,000-item action never holds the database for long.
import { assignItems } from "@/lib/assignments/service";
import { appendAuditMany, type AuditInput } from "@/lib/audit";
import { ConflictError } from "@/lib/errors";
import { db, type Tx } from "@/lib/db/client";
import { setGoldInTx, unsetGoldInTx } from "@/lib/gold/mark";
import type { Actor } from "@/lib/review/access";
import { recordItemChange } from "@/lib/dashboard/record";
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

/**
 * Sets the required reviews of a chunk of items set-based (a 100,000-item change is a few statements per chunk):
 * items grouped by their current (required, open slots), one conditional update per group, one audit event per
 * item. While an item takes reviews its open slots follow the new number (as a re-import does); a decided item
 * keeps its slots and the number applies from its next round. A round that already has as many reviews as are now
 * required is decided, as its last review would have decided it.
 */
async function requiredReviewsChunk(tx: Tx, ids: string[], n: number, user: Actor): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  const rows = await tx.item.findMany({
    where: { id: { in: ids }, stagedBatchId: null },
    select: { id: true, status: true, round: true, requiredReviews: true, openSlots: true, currentVersionId: true },
  });
  const groups = new Map<string, { required: number; slots: number; next: number; ids: string[] }>();
  for (const r of rows) {
    if (r.requiredReviews === n) {
      out.set(r.id, { changed: false, reason: `${r.id}: already needs ${n}` });
      continue;
    }
    const next = isReviewable(r.status) ? Math.max(0, r.openSlots + n - r.requiredReviews) : r.openSlots;
    const key = `${r.requiredReviews}|${r.openSlots}|${next}`;
    const g = groups.get(key) ?? { required: r.requiredReviews, slots: r.openSlots, next, ids: [] };
    g.ids.push(r.id);
    groups.set(key, g);
  }
  const events: AuditInput[] = [];
  for (const g of groups.values()) {
    const done = await tx.item.updateMany({ where: { id: { in: g.ids }, requiredReviews: g.required, openSlots: g.slots }, data: { requiredReviews: n, openSlots: g.next } });
    // Rows changed by someone else since they were read are left alone (and reported), never overwritten.
    if (done.count !== g.ids.length) throw new ConflictError("Some items changed while their required reviews were being set: run the action again.");
    for (const id of g.ids) {
      out.set(id, { changed: true });
      events.push({ actorId: user.id, action: "item.required_reviews", targetType: "item", targetId: id, before: { requiredReviews: g.required, openSlots: g.slots }, after: { requiredReviews: n, openSlots: g.next } });
    }
  }
  await appendAuditMany(tx, events);
  const inReview = rows.filter((r) => r.status === "in_review" && r.requiredReviews !== n);
  if (inReview.length) {
    const reviews = await tx.review.findMany({ where: { itemId: { in: inReview.map((r) => r.id) }, isAdjudication: false }, select: { itemId: true, round: true } });
    for (const item of inReview) {
      const k = reviews.filter((r) => r.itemId === item.id && r.round === item.round).length;
      if (k >= n) {
        await decideRound(tx, { ...item, requiredReviews: n }, user.id);
        await recordItemChange(tx, item.id);
      }
    }
  }
  for (const id of ids) if (!out.has(id)) out.set(id, { changed: false, reason: `${id}: no such item` });
  return out;
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
    case "assign":
      throw new Error(`${action.action} runs set-based`);
  }
}

/** Runs the action over the ids, in one transaction when they are few, in chunks otherwise. */
/** onProgress is awaited after each chunk (a job writes its heartbeat there, between the chunks' transactions). */
export async function runBulk(action: BulkAction, itemIds: string[], user: Actor, onProgress?: (p: BulkProgress) => void | Promise<void>): Promise<BulkReport> {
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
      onProgress: (p) => void onProgress?.({ done: p.itemsConsidered, total: ids.length }),
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
        if (action.action === "required_reviews") {
          const byId = await requiredReviewsChunk(tx, part, action.requiredReviews, user);
          return part.map((id) => byId.get(id)!);
        }
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
    await onProgress?.({ done: Math.min(ids.length, i + part.length), total: ids.length });
  }
  return report;
}
