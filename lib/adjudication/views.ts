import "server-only";
// The rows adjudication reads, and their plain-JSON shapes (the review service's VersionView and ReviewView, so
// the review components can show them), plus the round's reviews in the form the agreement rule takes.
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { compareLevels } from "@/lib/levels";
import { disagreements, describeDisagreement, type RoundReview } from "@/lib/review/lifecycle";
import type { RubricScores } from "@/lib/review/rubric";
import type { ReviewView, VersionView } from "@/lib/review/service";

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

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
  levels: true,
  author: { select: { name: true } },
} as const;

type VersionRow = Prisma.ItemVersionGetPayload<{ select: typeof versionFields }>;

export interface LevelRow {
  level: string;
  kind: string;
  rank: number;
  note: string | null;
}

export type AdjudicationVersion = VersionView & {
  /** The item's levels with this version, when it changed them (an adjudicated level correction). */
  levels: LevelRow[] | null;
};

export function versionView(v: VersionRow): AdjudicationVersion {
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
    levels: (v.levels as LevelRow[] | null) ?? null,
  };
}

export const reviewFields = {
  id: true,
  itemId: true,
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
  timeSpentMs: true,
  startedAt: true,
  submittedAt: true,
  reviewerId: true,
  reviewer: { select: { name: true } },
  levels: { select: { level: true, decision: true, correctedLevel: true, reason: true, severity: true, comment: true } },
} as const;

type ReviewRow = Prisma.ReviewGetPayload<{ select: typeof reviewFields }>;

export type NamedReview = ReviewView & { reviewerId: string; reviewerName: string; round: number };

export function reviewView(r: ReviewRow): NamedReview {
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
    reviewerId: r.reviewerId,
    reviewerName: r.reviewer.name,
    round: r.round,
  };
}

/** A review as the agreement rule sees it: the edited text by its content hash. */
export function roundReview(r: Pick<ReviewView, "id" | "decision" | "levels" | "rubric" | "resultVersionId">, hashOf: (versionId: string) => string | null): RoundReview {
  return {
    reviewId: r.id,
    decision: r.decision,
    editHash: r.resultVersionId ? hashOf(r.resultVersionId) : null,
    levels: r.levels.map((l) => ({ level: l.level, decision: l.decision, correctedLevel: l.correctedLevel })),
    rubric: (r.rubric as Record<string, number> | null) ?? null,
  };
}

/** One line per disagreement among the round's reviews. */
export function disagreementSummary(reviews: RoundReview[]): string[] {
  return disagreements(reviews).map(describeDisagreement);
}
