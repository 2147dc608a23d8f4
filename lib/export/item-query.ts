import "server-only";
// Reading the items of a snapshot from the database, in keyset chunks (id order), never all at once: a chunk's
// items with their versions, levels, images (with landmarks) and reviews (with level decisions). The first pass
// reads only what the splits need.
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { db } from "@/lib/db/client";
import { EXPORTABLE_STATUSES, isExportable, type Decision, type ItemStatus } from "@/lib/review/lifecycle";
import type { ExportFilters } from "./definition";

/** Statuses read for the negatives of KTO: a rejection by the round, or by adjudication. */
const NEGATIVE_STATUSES: ItemStatus[] = ["rejected", "adjudicated"];

export function isNegative(status: ItemStatus, finalDecision: Decision | null): boolean {
  return status === "rejected" || (status === "adjudicated" && finalDecision === "reject");
}

/** Whether a read item belongs in the snapshot: exportable under the filters, or a negative when KTO asks for them. */
export function belongs(item: { status: ItemStatus; finalDecision: Decision | null }, filters: ExportFilters, negatives: boolean): "positive" | "negative" | null {
  if (isExportable(item.status, item.finalDecision) && (filters.statuses.length === 0 || filters.statuses.includes(item.status as "approved" | "adjudicated"))) return "positive";
  if (negatives && isNegative(item.status, item.finalDecision)) return "negative";
  return null;
}

function dayStart(s: string) {
  return new Date(`${s}T00:00:00.000Z`);
}
function dayEnd(s: string) {
  return new Date(`${s}T23:59:59.999Z`);
}

export function itemWhere(filters: ExportFilters, negatives: boolean): Prisma.ItemWhereInput {
  const statuses = new Set<ItemStatus>(filters.statuses.length ? filters.statuses : EXPORTABLE_STATUSES);
  if (negatives) for (const s of NEGATIVE_STATUSES) statuses.add(s);
  const where: Prisma.ItemWhereInput = { stagedBatchId: null, status: { in: [...statuses].sort() } };
  if (filters.taskTypes.length) where.taskType = { in: filters.taskTypes };
  if (filters.modalities.length) where.modality = { in: filters.modalities };
  if (filters.sources.length) where.sourceType = { in: filters.sources };
  if (filters.languages.length) where.language = { in: filters.languages };
  if (filters.importBatches.length) where.importBatchId = { in: filters.importBatches };
  if (filters.levels.length) where.levels = { some: { level: { in: filters.levels } } };
  if (filters.decidedFrom || filters.decidedTo) {
    where.reviews = {
      some: {
        submittedAt: {
          ...(filters.decidedFrom ? { gte: dayStart(filters.decidedFrom) } : {}),
          ...(filters.decidedTo ? { lte: dayEnd(filters.decidedTo) } : {}),
        },
      },
    };
  }
  return where;
}

export interface SplitRow {
  id: string;
  status: ItemStatus;
  finalDecision: Decision | null;
  taskType: string;
  sourceReference: string;
  caseExternalId: string | null;
}

/** Pass 1: what the splits need, chunk by chunk. */
export async function* splitRows(where: Prisma.ItemWhereInput, chunk = 5000): AsyncGenerator<SplitRow[]> {
  let after: string | null = null;
  for (;;) {
    const rows: { id: string; status: ItemStatus; finalDecision: Decision | null; taskType: string; sourceReference: string; case: { externalId: string } | null }[] = await db().item.findMany({
      where: after ? { AND: [where, { id: { gt: after } }] } : where,
      orderBy: { id: "asc" },
      take: chunk,
      select: { id: true, status: true, finalDecision: true, taskType: true, sourceReference: true, case: { select: { externalId: true } } },
    });
    if (rows.length === 0) return;
    yield rows.map((r) => ({ id: r.id, status: r.status, finalDecision: r.finalDecision, taskType: r.taskType, sourceReference: r.sourceReference, caseExternalId: r.case?.externalId ?? null }));
    after = rows[rows.length - 1].id;
    if (rows.length < chunk) return;
  }
}

const itemSelect = {
  id: true,
  externalId: true,
  taskType: true,
  language: true,
  modality: true,
  subfield: true,
  status: true,
  finalDecision: true,
  round: true,
  sourceType: true,
  sourceReference: true,
  licence: true,
  importBatchId: true,
  currentVersionId: true,
  case: { select: { externalId: true } },
  levels: { select: { level: true, kind: true, rank: true, note: true } },
  images: { select: { position: true, imageId: true } },
  versions: {
    where: { stagedBatchId: null },
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      kind: true,
      content: true,
      generatorModel: true,
      generatorVersion: true,
      promptId: true,
      promptVersion: true,
      generationParams: true,
      generatedAt: true,
      authorId: true,
      basedOnId: true,
      levels: true,
    },
  },
  reviews: {
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      reviewerId: true,
      isAdjudication: true,
      round: true,
      baseVersionId: true,
      resultVersionId: true,
      decision: true,
      reason: true,
      severity: true,
      comment: true,
      rubric: true,
      rubricTotal: true,
      submittedAt: true,
      levels: { select: { level: true, decision: true, correctedLevel: true, reason: true, severity: true, comment: true } },
    },
  },
} satisfies Prisma.ItemSelect;

export type LoadedItem = Prisma.ItemGetPayload<{ select: typeof itemSelect }>;

/** Pass 2: whole items of the given ids (one chunk), in id order. */
export async function loadItems(ids: string[]): Promise<LoadedItem[]> {
  const rows = await db().item.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: itemSelect });
  return rows as LoadedItem[];
}

export interface LoadedImage {
  id: string;
  sha256: string;
  storageKey: string;
  format: string;
  rows: number | null;
  columns: number | null;
  windowCenter: number | null;
  windowWidth: number | null;
  originalName: string | null;
  landmarks: { level: string; x: number; y: number; frame: number }[];
}

/** The images of a chunk (with their landmarks when grounding needs them). */
export async function loadImages(ids: string[], withLandmarks: boolean): Promise<Map<string, LoadedImage>> {
  const out = new Map<string, LoadedImage>();
  if (ids.length === 0) return out;
  const rows = await db().image.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      sha256: true,
      storageKey: true,
      format: true,
      rows: true,
      columns: true,
      windowCenter: true,
      windowWidth: true,
      originalName: true,
      ...(withLandmarks ? { landmarks: { select: { level: true, x: true, y: true, frame: true } } } : {}),
    },
  });
  for (const r of rows) out.set(r.id, { ...r, landmarks: (r as { landmarks?: LoadedImage["landmarks"] }).landmarks ?? [] });
  return out;
}
