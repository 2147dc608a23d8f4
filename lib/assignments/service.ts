import "server-only";
// Handing items to reviewers: each item needs `requiredReviews` independent reviewers, so it gets that many
// assignments, to different people, spread round-robin over the team (the least-loaded reviewer first).
// An assignment is a lease: it expires, and expired leases of unreviewed items can be released for reassignment.
import { appendAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import type { TaskType } from "@/lib/items/content";
import { ValidationError } from "@/lib/errors";

export interface AssignOptions {
  reviewerEmails: string[];
  taskType?: TaskType;
  modality?: string;
  level?: string;
  batchId?: string; // only the items of one import
  limit?: number; // items at most
  leaseDays: number;
  actorId: string | null;
}

export interface AssignReport {
  itemsConsidered: number;
  assignmentsCreated: number;
  itemsFullyAssigned: number;
  perReviewer: Record<string, number>;
}

export async function assignItems(o: AssignOptions): Promise<AssignReport> {
  if (o.reviewerEmails.length === 0) throw new ValidationError("Name at least one reviewer (--reviewers a@x.org,b@y.org).");
  const reviewers = await db().user.findMany({ where: { email: { in: o.reviewerEmails.map((e) => e.trim().toLowerCase()) }, active: true }, select: { id: true, email: true, role: true } });
  const missing = o.reviewerEmails.filter((e) => !reviewers.some((r) => r.email === e.trim().toLowerCase()));
  if (missing.length) throw new ValidationError(`No active user ${missing.join(", ")}.`);
  const items = await db().item.findMany({
    where: {
      status: { in: ["pending", "in_review"] },
      ...(o.taskType ? { taskType: o.taskType } : {}),
      ...(o.modality ? { modality: o.modality } : {}),
      ...(o.level ? { levels: { some: { level: o.level } } } : {}),
      ...(o.batchId ? { importBatchId: o.batchId } : {}),
    },
    orderBy: { externalId: "asc" },
    take: o.limit ?? 10_000,
    select: { id: true, externalId: true, requiredReviews: true, assignments: { where: { kind: "review", status: { not: "released" } }, select: { userId: true } } },
  });
  const load = new Map<string, number>();
  const open = await db().assignment.groupBy({ by: ["userId"], where: { userId: { in: reviewers.map((r) => r.id) }, status: "assigned" }, _count: { _all: true } });
  for (const r of reviewers) load.set(r.id, open.find((x) => x.userId === r.id)?._count._all ?? 0);
  const nextPosition = new Map<string, number>();
  for (const r of reviewers) {
    const last = await db().assignment.findFirst({ where: { userId: r.id }, orderBy: { position: "desc" }, select: { position: true } });
    nextPosition.set(r.id, (last?.position ?? -1) + 1);
  }
  const dueAt = new Date(Date.now() + o.leaseDays * 24 * 3600 * 1000);
  const report: AssignReport = { itemsConsidered: items.length, assignmentsCreated: 0, itemsFullyAssigned: 0, perReviewer: {} };
  const planned: { itemId: string; userId: string; email: string; position: number }[] = [];
  for (const item of items) {
    const holders = new Set(item.assignments.map((a) => a.userId));
    const needed = item.requiredReviews - holders.size;
    if (needed <= 0) {
      report.itemsFullyAssigned++;
      continue;
    }
    // Independent reviews: never twice to the same person; the least loaded first.
    const candidates = reviewers.filter((r) => !holders.has(r.id)).sort((a, b) => load.get(a.id)! - load.get(b.id)!).slice(0, needed);
    for (const r of candidates) {
      const position = nextPosition.get(r.id)!;
      planned.push({ itemId: item.id, userId: r.id, email: r.email, position });
      nextPosition.set(r.id, position + 1);
      load.set(r.id, load.get(r.id)! + 1);
      report.perReviewer[r.email] = (report.perReviewer[r.email] ?? 0) + 1;
    }
    if (candidates.length === needed) report.itemsFullyAssigned++;
  }
  // Written in chunks: each assignment with its audit event, in the same transaction.
  for (let i = 0; i < planned.length; i += 200) {
    await db().$transaction(async (tx) => {
      for (const p of planned.slice(i, i + 200)) {
        const a = await tx.assignment.upsert({
          where: { itemId_userId_kind: { itemId: p.itemId, userId: p.userId, kind: "review" } },
          create: { itemId: p.itemId, userId: p.userId, kind: "review", position: p.position, dueAt },
          update: { status: "assigned", position: p.position, dueAt, completedAt: null },
        });
        await appendAudit(tx, { actorId: o.actorId, action: "assignment.create", targetType: "item", targetId: p.itemId, after: { assignmentId: a.id, userId: p.userId, dueAt: dueAt.toISOString() } });
      }
    }, { timeout: 120_000 });
  }
  report.assignmentsCreated = planned.length;
  return report;
}

/** Releases leases that expired on items their holder has not reviewed, so the items can be assigned again. */
export async function releaseExpiredLeases(actorId: string | null, now = new Date()): Promise<number> {
  const expired = await db().assignment.findMany({ where: { status: "assigned", dueAt: { lt: now } }, select: { id: true, itemId: true, userId: true } });
  for (const a of expired) {
    await db().$transaction(async (tx) => {
      const done = await tx.assignment.updateMany({ where: { id: a.id, status: "assigned" }, data: { status: "released" } });
      if (done.count === 1) await appendAudit(tx, { actorId, action: "assignment.release", targetType: "item", targetId: a.itemId, before: { assignmentId: a.id, userId: a.userId, status: "assigned" }, after: { status: "released", reason: "lease expired" } });
    });
  }
  return expired.length;
}
