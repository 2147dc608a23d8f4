import "server-only";
// Handing items to reviewers: each item needs `requiredReviews` independent reviewers, so each open review slot
// (Item.openSlots) gets an assignment to a different person, the least-loaded reviewer first. Only items that
// still need a reviewer are read, a chunk at a time by keyset, and each chunk is written set-based in one
// transaction (assignments, the slot counts, one audit event per assignment): assigning all of a
// SpineMed-size set (450,000 items) works with one command, and a later run picks up where the last one stopped.
import { appendAuditMany, type AuditInput } from "@/lib/audit";
import { db } from "@/lib/db/client";
import type { TaskType } from "@/lib/items/content";
import { ValidationError } from "@/lib/errors";
import { dueAfterDays, REVIEWABLE_STATUSES } from "@/lib/review/lifecycle";
import { releaseSlot } from "@/lib/review/release";

export interface AssignOptions {
  reviewerEmails: string[];
  taskType?: TaskType;
  modality?: string;
  level?: string;
  batchId?: string; // only the items of one import
  /** Only these items (a selection of the items browser), instead of every item of the filter. */
  itemIds?: string[];
  limit?: number; // items at most
  dueDays: number;
  actorId: string | null;
  /** Called after each chunk with the items looked at so far. */
  onProgress?: (report: AssignReport) => void;
}

export interface AssignReport {
  itemsConsidered: number;
  assignmentsCreated: number;
  itemsFullyAssigned: number;
  /** Items that got at least one new assignment. */
  itemsAssigned: number;
  perReviewer: Record<string, number>;
}

/** Items read per chunk: well under SQLite's bound-parameter limit in every statement the chunk makes. */
const CHUNK = 400;

function assignableWhere(o: Pick<AssignOptions, "taskType" | "modality" | "level" | "batchId">) {
  return {
    openSlots: { gt: 0 },
    stagedBatchId: null,
    status: { in: [...REVIEWABLE_STATUSES] },
    ...(o.taskType ? { taskType: o.taskType } : {}),
    ...(o.modality ? { modality: o.modality } : {}),
    ...(o.level ? { levels: { some: { level: o.level } } } : {}),
    ...(o.batchId ? { importBatchId: o.batchId } : {}),
  };
}

/** How many items still need a reviewer under the filter (for the progress bar). */
export function countAssignable(o: Pick<AssignOptions, "taskType" | "modality" | "level" | "batchId">): Promise<number> {
  return db().item.count({ where: assignableWhere(o) });
}

export async function assignItems(o: AssignOptions): Promise<AssignReport> {
  const emails = [...new Set(o.reviewerEmails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  if (emails.length === 0) throw new ValidationError("Name at least one reviewer (--reviewers a@x.org,b@y.org).");
  const reviewers = await db().user.findMany({ where: { email: { in: emails }, active: true }, select: { id: true, email: true } });
  const missing = emails.filter((e) => !reviewers.some((r) => r.email === e));
  if (missing.length) throw new ValidationError(`No active user ${missing.join(", ")}.`);

  const load = new Map<string, number>(reviewers.map((r) => [r.id, 0]));
  const open = await db().assignment.groupBy({ by: ["userId"], where: { userId: { in: reviewers.map((r) => r.id) }, status: "assigned" }, _count: { _all: true } });
  for (const g of open) load.set(g.userId, g._count._all);
  const positions = await db().assignment.groupBy({ by: ["userId"], where: { userId: { in: reviewers.map((r) => r.id) } }, _max: { position: true } });
  const nextPosition = new Map<string, number>(reviewers.map((r) => [r.id, (positions.find((p) => p.userId === r.id)?._max.position ?? -1) + 1]));
  const email = new Map(reviewers.map((r) => [r.id, r.email]));

  const dueAt = dueAfterDays(new Date(), o.dueDays);
  const report: AssignReport = { itemsConsidered: 0, assignmentsCreated: 0, itemsFullyAssigned: 0, itemsAssigned: 0, perReviewer: {} };
  const where = assignableWhere(o);
  let cursor: string | null = null;
  let remaining = o.limit ?? Number.POSITIVE_INFINITY;

  const ids = o.itemIds ? [...new Set(o.itemIds)].sort() : null;
  let offset = 0;
  while (remaining > 0) {
    // With a list of ids, the chunks are slices of it; otherwise the filter is walked by keyset.
    const chunkIds = ids ? ids.slice(offset, (offset += CHUNK)) : null;
    if (chunkIds && chunkIds.length === 0) break;
    const items: { id: string; openSlots: number; round: number; assignments: { userId: string; status: string }[] }[] = await db().item.findMany({
      where: chunkIds ? { ...where, id: { in: chunkIds } } : cursor ? { ...where, id: { gt: cursor } } : where,
      orderBy: { id: "asc" },
      take: Math.min(CHUNK, remaining),
      select: { id: true, openSlots: true, round: true, assignments: { where: { kind: "review" }, select: { userId: true, status: true } } },
    });
    if (items.length === 0 && !chunkIds) break;
    cursor = items[items.length - 1]?.id ?? cursor;
    remaining -= items.length;

    // Plan the chunk in memory: independent reviews, so never twice to the same person; the least loaded first.
    const creates: { itemId: string; userId: string; round: number; position: number }[] = [];
    const revives: { itemId: string; userId: string; round: number; position: number }[] = [];
    const taken = new Map<string, number>();
    let full = 0;
    for (const item of items) {
      const rows = new Map(item.assignments.map((a) => [a.userId, a.status]));
      const candidates = reviewers
        .filter((r) => rows.get(r.id) === undefined || rows.get(r.id) === "released")
        .sort((a, b) => load.get(a.id)! - load.get(b.id)!)
        .slice(0, item.openSlots);
      for (const r of candidates) {
        const plan = { itemId: item.id, userId: r.id, round: item.round, position: nextPosition.get(r.id)! };
        (rows.get(r.id) === "released" ? revives : creates).push(plan);
        nextPosition.set(r.id, plan.position + 1);
        load.set(r.id, load.get(r.id)! + 1);
      }
      if (candidates.length) taken.set(item.id, candidates.length);
      if (candidates.length === item.openSlots) full++;
    }
    const planned = [...creates, ...revives];
    if (planned.length) {
      await db().$transaction(
        async (tx) => {
          // The slot counts first, conditionally: an item whose slots were taken meanwhile (Next item) refuses the
          // decrement, and the whole chunk is rolled back and reported rather than over-assigned.
          const byCount = new Map<number, string[]>();
          for (const [id, n] of taken) byCount.set(n, [...(byCount.get(n) ?? []), id]);
          for (const [n, ids] of byCount) {
            const done = await tx.item.updateMany({ where: { id: { in: ids }, openSlots: { gte: n } }, data: { openSlots: { decrement: n } } });
            if (done.count !== ids.length) throw new ValidationError("Some items were taken from the pool while they were being assigned: run the command again to assign the rest.");
          }
          await tx.assignment.createMany({ data: creates.map((p) => ({ itemId: p.itemId, userId: p.userId, kind: "review" as const, origin: "assigned" as const, round: p.round, position: p.position, dueAt })) });
          for (const p of revives) {
            await tx.assignment.update({
              where: { itemId_userId_kind: { itemId: p.itemId, userId: p.userId, kind: "review" } },
              data: { status: "assigned", origin: "assigned", round: p.round, position: p.position, dueAt, workLeaseExpiresAt: null, completedAt: null, assignedAt: new Date() },
            });
          }
          const events: AuditInput[] = planned.map((p) => ({
            actorId: o.actorId,
            action: "assignment.create",
            targetType: "item",
            targetId: p.itemId,
            after: { userId: p.userId, dueAt: dueAt.toISOString(), round: p.round },
          }));
          await appendAuditMany(tx, events);
        },
        { timeout: 120_000 },
      );
    }
    for (const p of planned) report.perReviewer[email.get(p.userId)!] = (report.perReviewer[email.get(p.userId)!] ?? 0) + 1;
    report.itemsConsidered += chunkIds ? chunkIds.length : items.length;
    report.assignmentsCreated += planned.length;
    report.itemsFullyAssigned += full;
    report.itemsAssigned += taken.size;
    o.onProgress?.(report);
  }
  return report;
}

/** Releases assignments past their due date on items their holder has not reviewed, giving the slots back. */
export async function releaseExpiredLeases(actorId: string | null, now = new Date()): Promise<number> {
  let released = 0;
  for (;;) {
    const expired = await db().assignment.findMany({
      where: { status: "assigned", dueAt: { lt: now } },
      select: { id: true, itemId: true, userId: true, round: true },
      orderBy: { id: "asc" },
      take: 500,
    });
    if (expired.length === 0) break;
    for (const a of expired) {
      if (await db().$transaction((tx) => releaseSlot(tx, a, actorId, "due date passed"))) released++;
    }
    if (expired.length < 500) break;
  }
  return released;
}
