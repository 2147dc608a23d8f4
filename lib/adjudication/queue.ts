import "server-only";
// The adjudication backlog: disputed items, the longest waiting first, each with what its reviews disagree on.
// Nothing writes to a disputed item until it is adjudicated or sent back (a refused review rolls back), so
// updatedAt is the moment it became disputed and orders the queue in the database; the age shown is taken from the
// round's last review, which is when the dispute arose.
import type { TaskType } from "@/lib/db/generated/sqlite/enums";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/review/access";
import { assertAdjudicator } from "./get-item";
import { disagreementSummary, roundReview } from "./views";

export interface AdjudicationQueueRow {
  itemId: string;
  externalId: string;
  taskType: TaskType;
  modality: string | null;
  round: number;
  levels: string[];
  /** Reviewer names of the round, in the order they reviewed. */
  reviewers: string[];
  disputedAt: string;
  ageMs: number;
  disagreements: string[];
}

export interface AdjudicationQueuePage {
  items: AdjudicationQueueRow[];
  total: number;
}

export async function adjudicationQueue(user: Actor, limit = 100, now = new Date()): Promise<AdjudicationQueuePage> {
  assertAdjudicator(user);
  const where = { status: "disputed" as const, stagedBatchId: null };
  const [items, total] = await Promise.all([
    db().item.findMany({
      where,
      orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
      take: Math.min(Math.max(1, limit), 500),
      select: { id: true, externalId: true, taskType: true, modality: true, round: true, updatedAt: true, levels: { select: { level: true }, orderBy: { rank: "asc" } } },
    }),
    db().item.count({ where }),
  ]);
  const ids = items.map((i) => i.id);
  const reviews = ids.length
    ? await db().review.findMany({
        where: { itemId: { in: ids }, isAdjudication: false },
        orderBy: { submittedAt: "asc" },
        select: {
          id: true,
          itemId: true,
          round: true,
          decision: true,
          rubric: true,
          resultVersionId: true,
          submittedAt: true,
          reviewer: { select: { name: true } },
          levels: { select: { level: true, decision: true, correctedLevel: true } },
        },
      })
    : [];
  const resultIds = [...new Set(reviews.map((r) => r.resultVersionId).filter((v): v is string => v !== null))];
  const hashes = resultIds.length ? await db().itemVersion.findMany({ where: { id: { in: resultIds } }, select: { id: true, contentHash: true } }) : [];
  const hash = new Map(hashes.map((h) => [h.id, h.contentHash]));
  return {
    total,
    items: items.map((item) => {
      const round = reviews.filter((r) => r.itemId === item.id && r.round === item.round);
      const disputedAt = round.length ? round[round.length - 1].submittedAt : item.updatedAt;
      return {
        itemId: item.id,
        externalId: item.externalId,
        taskType: item.taskType,
        modality: item.modality,
        round: item.round,
        levels: item.levels.map((l) => l.level),
        reviewers: round.map((r) => r.reviewer.name),
        disputedAt: disputedAt.toISOString(),
        ageMs: Math.max(0, now.getTime() - disputedAt.getTime()),
        disagreements: disagreementSummary(round.map((r) => roundReview({ ...r, levels: r.levels.map((l) => ({ ...l, reason: null, severity: null, comment: null })), rubric: (r.rubric as never) ?? null }, (id) => hash.get(id) ?? null))),
      };
    }),
  };
}

export interface AdjudicatedRow {
  itemId: string;
  externalId: string;
  taskType: TaskType;
  finalDecision: "accept" | "edit" | "reject" | null;
  levels: string[];
  decidedAt: string;
}

/** The items adjudicated last, newest first: where an adjudicator reopens one to send it back. */
export async function recentlyAdjudicated(user: Actor, limit = 20): Promise<AdjudicatedRow[]> {
  assertAdjudicator(user);
  const rows = await db().item.findMany({
    where: { status: "adjudicated", stagedBatchId: null },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(1, limit), 200),
    select: { id: true, externalId: true, taskType: true, finalDecision: true, updatedAt: true, levels: { select: { level: true }, orderBy: { rank: "asc" } } },
  });
  return rows.map((r) => ({ itemId: r.id, externalId: r.externalId, taskType: r.taskType, finalDecision: r.finalDecision, levels: r.levels.map((l) => l.level), decidedAt: r.updatedAt.toISOString() }));
}
