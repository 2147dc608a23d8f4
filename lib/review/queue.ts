import "server-only";
// My queue: the user's open review assignments, in queue order, a page at a time. Pages are cut by keyset (the
// last row's position, assignedAt and id), so page 40 costs what page 1 costs and a reviewer with thousands of
// items sees all of them. Rows carry only what the list shows.
import type { ItemStatus, TaskType } from "@/lib/db/generated/sqlite/enums";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { itemWhere } from "@/lib/items/queries";
import type { QueueFilter } from "./schemas";
import { iso } from "./views";

export interface QueueRow {
  assignmentId: string;
  itemId: string;
  externalId: string;
  taskType: TaskType;
  language: string;
  modality: string | null;
  subfield: string;
  status: ItemStatus;
  requiredReviews: number;
  levels: string[];
  dueAt: string;
  origin: "assigned" | "pool";
  /** The user already reviewed the item in its current round. */
  reviewed: boolean;
}

export interface QueuePage {
  items: QueueRow[];
  /** All matching assigned items. */
  total: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const QUEUE_PAGE_SIZE = 50;
export const QUEUE_MAX_PAGE = 200;
export const QUEUE_ORDER = [{ position: "asc" }, { assignedAt: "asc" }, { id: "asc" }] as const;

interface Anchor {
  position: number;
  assignedAt: Date;
  id: string;
}

export function encodeCursor(a: Anchor): string {
  return Buffer.from(JSON.stringify([a.position, a.assignedAt.toISOString(), a.id])).toString("base64url");
}

export function decodeCursor(cursor: string): Anchor {
  try {
    const [position, at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown, unknown];
    const assignedAt = new Date(String(at));
    if (typeof position !== "number" || typeof id !== "string" || id.length > 64 || Number.isNaN(assignedAt.getTime())) throw new Error("shape");
    return { position, assignedAt, id };
  } catch {
    throw new ValidationError("The page link is not valid (cursor): go back to the first page of your queue.");
  }
}

/** (position, assignedAt, id) orders the queue; "after the anchor" spelled out for the database. */
export function afterAnchor(a: Anchor) {
  return {
    OR: [
      { position: { gt: a.position } },
      { position: a.position, assignedAt: { gt: a.assignedAt } },
      { position: a.position, assignedAt: a.assignedAt, id: { gt: a.id } },
    ],
  };
}

function beforeAnchor(a: Anchor) {
  return {
    OR: [
      { position: { lt: a.position } },
      { position: a.position, assignedAt: { lt: a.assignedAt } },
      { position: a.position, assignedAt: a.assignedAt, id: { lt: a.id } },
    ],
  };
}

export function queueWhere(userId: string, f: QueueFilter) {
  return {
    userId,
    kind: "review" as const,
    status: "assigned" as const,
    item: { ...itemWhere(f), stagedBatchId: null },
  };
}

export async function reviewQueue(userId: string, filters: QueueFilter = {}, page: { cursor?: string; limit?: number } = {}): Promise<QueuePage> {
  const limit = Math.min(Math.max(1, page.limit ?? QUEUE_PAGE_SIZE), QUEUE_MAX_PAGE);
  const where = queueWhere(userId, filters);
  const anchor = page.cursor ? decodeCursor(page.cursor) : null;
  const [rows, total] = await Promise.all([
    db().assignment.findMany({
      where: anchor ? { AND: [where, afterAnchor(anchor)] } : where,
      orderBy: [...QUEUE_ORDER],
      take: limit + 1,
      select: {
        id: true,
        position: true,
        assignedAt: true,
        dueAt: true,
        origin: true,
        round: true,
        item: {
          select: {
            id: true,
            externalId: true,
            taskType: true,
            language: true,
            modality: true,
            subfield: true,
            status: true,
            round: true,
            requiredReviews: true,
            levels: { select: { level: true }, orderBy: { rank: "asc" } },
          },
        },
      },
    }),
    db().assignment.count({ where }),
  ]);
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  const reviews = shown.length
    ? await db().review.findMany({
        where: { reviewerId: userId, isAdjudication: false, itemId: { in: shown.map((r) => r.item.id) } },
        select: { itemId: true, round: true },
      })
    : [];
  const reviewedRound = new Set(reviews.map((r) => `${r.itemId} ${r.round}`));
  const last = shown[shown.length - 1];
  return {
    total,
    nextCursor: more && last ? encodeCursor(last) : null,
    items: shown.map((r) => ({
      assignmentId: r.id,
      itemId: r.item.id,
      externalId: r.item.externalId,
      taskType: r.item.taskType,
      language: r.item.language,
      modality: r.item.modality,
      subfield: r.item.subfield,
      status: r.item.status,
      requiredReviews: r.item.requiredReviews,
      levels: r.item.levels.map((l) => l.level),
      dueAt: iso(r.dueAt),
      origin: r.origin,
      reviewed: reviewedRound.has(`${r.item.id} ${r.item.round}`),
    })),
  };
}

export interface QueueNeighbours {
  /** 1-based place of the item in the user's queue; 0 when it is not in it (e.g. already reviewed). */
  position: number;
  total: number;
  previousId: string | null;
  nextId: string | null;
}

/**
 * Where an item stands in the user's queue, for previous/next navigation. An item no longer in the queue (just
 * reviewed) still has neighbours: the assigned items around the place it had.
 */
export async function queueNeighbours(userId: string, itemId: string): Promise<QueueNeighbours> {
  const where = queueWhere(userId, {});
  const [anchor, total] = await Promise.all([
    db().assignment.findUnique({ where: { itemId_userId_kind: { itemId, userId, kind: "review" } }, select: { id: true, position: true, assignedAt: true, status: true } }),
    db().assignment.count({ where }),
  ]);
  if (!anchor) {
    const first = await db().assignment.findFirst({ where, orderBy: [...QUEUE_ORDER], select: { itemId: true } });
    return { position: 0, total, previousId: null, nextId: first?.itemId ?? null };
  }
  const [previous, next, ahead] = await Promise.all([
    db().assignment.findFirst({ where: { ...where, ...beforeAnchor(anchor) }, orderBy: [{ position: "desc" }, { assignedAt: "desc" }, { id: "desc" }], select: { itemId: true } }),
    db().assignment.findFirst({ where: { ...where, ...afterAnchor(anchor) }, orderBy: [...QUEUE_ORDER], select: { itemId: true } }),
    db().assignment.count({ where: { ...where, ...beforeAnchor(anchor) } }),
  ]);
  return {
    position: anchor.status === "assigned" ? ahead + 1 : 0,
    total,
    previousId: previous?.itemId ?? null,
    nextId: next?.itemId ?? null,
  };
}
