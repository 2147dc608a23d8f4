import "server-only";
// The shapes the review routes and pages return: plain JSON (dates as ISO strings), the same for a server
// component and a fetch, and the Prisma selections they are read with.
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { ItemStatus, TaskType, VersionKind } from "@/lib/db/generated/sqlite/enums";
import { compareLevels } from "@/lib/levels";
import type { ReviewAssignment } from "./access";
import type { RubricScores } from "./rubric";

export interface VersionView {
  id: string;
  number: number;
  kind: VersionKind;
  content: unknown;
  contentHash: string;
  generatorModel: string | null;
  generatorVersion: string | null;
  promptId: string | null;
  promptVersion: string | null;
  generationParams: unknown;
  generatedAt: string | null;
  authorId: string | null;
  authorName: string | null;
  basedOnId: string | null;
  createdAt: string;
}

export interface LevelDecisionView {
  level: string;
  decision: "accept" | "edit" | "reject";
  correctedLevel: string | null;
  reason: string | null;
  severity: string | null;
  comment: string | null;
}

export interface ReviewView {
  id: string;
  itemId: string;
  isAdjudication: boolean;
  baseVersionId: string;
  resultVersionId: string | null;
  decision: "accept" | "edit" | "reject";
  reason: string | null;
  severity: string | null;
  comment: string | null;
  rubric: Partial<RubricScores> | null;
  rubricTotal: number | null;
  timeSpentMs: number;
  startedAt: string | null;
  submittedAt: string;
  /** In the item's level order. */
  levels: LevelDecisionView[];
}

export interface AssignmentView {
  id: string;
  kind: "review" | "adjudication";
  status: "assigned" | "done" | "released";
  origin: "assigned" | "pool";
  position: number;
  /** When the assignment is due (days). */
  dueAt: string;
  /** The working lease: the short lock while the item is open, renewed by the heartbeat. */
  workLeaseExpiresAt: string | null;
  assignedAt: string;
  completedAt: string | null;
}

export interface ReviewItemView {
  id: string;
  externalId: string;
  taskType: TaskType;
  language: string;
  modality: string | null;
  subfield: string;
  status: ItemStatus;
  requiredReviews: number;
  /** The review round (a send-back or a changed re-import starts a new one). */
  round: number;
  /** The note of the last send-back, for the reviewers of the new round. */
  sendBackNote: string | null;
  sourceType: string;
  sourceReference: string;
  licence: string | null;
  caseId: string | null;
  caseExternalId: string | null;
  /** Canonical, cranio-caudal. */
  levels: { level: string; kind: string; rank: number; note: string | null }[];
  /** The version under review. */
  current: VersionView;
  /** Every version this user may see, oldest first (always including the current one), for the diffs. */
  versions: VersionView[];
  /** In the item's order (ItemImage.position). */
  images: { imageId: string; position: number; seriesId: string; caseId: string }[];
  /** The user's latest review of this item, if any. */
  myReview: ReviewView | null;
  /** The user's review assignment (the lease), if any. */
  assignment: AssignmentView | null;
}

export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export const versionFields = {
  id: true,
  number: true,
  kind: true,
  content: true,
  contentHash: true,
  generatorModel: true,
  generatorVersion: true,
  promptId: true,
  promptVersion: true,
  generationParams: true,
  generatedAt: true,
  authorId: true,
  basedOnId: true,
  createdAt: true,
  author: { select: { name: true } },
} as const;

type VersionRow = Prisma.ItemVersionGetPayload<{ select: typeof versionFields }>;

export function versionView(v: VersionRow): VersionView {
  return {
    id: v.id,
    number: v.number,
    kind: v.kind,
    content: v.content,
    contentHash: v.contentHash,
    generatorModel: v.generatorModel,
    generatorVersion: v.generatorVersion,
    promptId: v.promptId,
    promptVersion: v.promptVersion,
    generationParams: v.generationParams ?? null,
    generatedAt: isoOrNull(v.generatedAt),
    authorId: v.authorId,
    authorName: v.author?.name ?? null,
    basedOnId: v.basedOnId,
    createdAt: iso(v.createdAt),
  };
}

export const reviewFields = {
  id: true,
  itemId: true,
  isAdjudication: true,
  baseVersionId: true,
  resultVersionId: true,
  decision: true,
  reason: true,
  severity: true,
  comment: true,
  rubric: true,
  rubricTotal: true,
  timeSpentMs: true,
  startedAt: true,
  submittedAt: true,
  levels: { select: { level: true, decision: true, correctedLevel: true, reason: true, severity: true, comment: true } },
} as const;

type ReviewRow = Prisma.ReviewGetPayload<{ select: typeof reviewFields }>;

export function reviewView(r: ReviewRow): ReviewView {
  return {
    id: r.id,
    itemId: r.itemId,
    isAdjudication: r.isAdjudication,
    baseVersionId: r.baseVersionId,
    resultVersionId: r.resultVersionId,
    decision: r.decision,
    reason: r.reason,
    severity: r.severity,
    comment: r.comment,
    rubric: (r.rubric as Partial<RubricScores> | null) ?? null,
    rubricTotal: r.rubricTotal,
    timeSpentMs: r.timeSpentMs,
    startedAt: isoOrNull(r.startedAt),
    submittedAt: iso(r.submittedAt),
    levels: [...r.levels].sort((a, b) => compareLevels(a.level, b.level)),
  };
}

export function assignmentView(a: ReviewAssignment | null): AssignmentView | null {
  if (!a) return null;
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    origin: a.origin,
    position: a.position,
    dueAt: iso(a.dueAt),
    workLeaseExpiresAt: isoOrNull(a.workLeaseExpiresAt),
    assignedAt: iso(a.assignedAt),
    completedAt: isoOrNull(a.completedAt),
  };
}

