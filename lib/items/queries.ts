import "server-only";
// Read models for item lists (admin Items page, reviewer queue).
import { db } from "@/lib/db/client";
import type { TaskType, ItemStatus } from "@/lib/db/generated/sqlite/enums";

export interface ItemFilter {
  taskType?: TaskType;
  status?: ItemStatus;
  level?: string;
  modality?: string;
  search?: string;
}

/**
 * The Prisma condition for an item filter; the reviewer queue applies the same filter to assigned items. Items of
 * an import that has not completed (stagedBatchId set) are never part of any list.
 */
export function itemWhere(f: ItemFilter) {
  return {
    stagedBatchId: null,
    ...(f.taskType ? { taskType: f.taskType } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.modality ? { modality: f.modality } : {}),
    ...(f.level ? { levels: { some: { level: f.level } } } : {}),
    ...(f.search ? { externalId: { contains: f.search } } : {}),
  };
}

export async function listItems(f: ItemFilter, page: number, pageSize = 50) {
  const [rows, total] = await Promise.all([
    db().item.findMany({
      where: itemWhere(f),
      orderBy: { externalId: "asc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        externalId: true,
        taskType: true,
        language: true,
        modality: true,
        subfield: true,
        status: true,
        sourceType: true,
        levels: { select: { level: true }, orderBy: { rank: "asc" } },
        _count: { select: { versions: true, images: true, reviews: true } },
      },
    }),
    db().item.count({ where: itemWhere(f) }),
  ]);
  return { rows, total, page, pageSize };
}

export async function countByTaskType() {
  const groups = await db().item.groupBy({ by: ["taskType"], where: { stagedBatchId: null }, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.taskType, g._count._all])) as Partial<Record<TaskType, number>>;
}
