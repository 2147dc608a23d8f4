import "server-only";
// The rows adjudication reads and their plain-JSON shapes: the review views (lib/review/views) with what
// adjudication adds (a version's levels, a review's reviewer and round), and the round's reviews in the form the
// agreement rule takes.
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { disagreements, describeDisagreement, type RoundReview } from "@/lib/review/lifecycle";
import { reviewFields as baseReviewFields, reviewView as baseReviewView, versionFields as baseVersionFields, versionView as baseVersionView, type ReviewView, type VersionView } from "@/lib/review/views";

export const versionFields = { ...baseVersionFields, levels: true } as const;

type VersionRow = Prisma.ItemVersionGetPayload<{ select: typeof versionFields }>;

import type { LevelRow } from "./levels";
export type { LevelRow } from "./levels";

export type AdjudicationVersion = VersionView & {
  /** The item's levels with this version, when it changed them (an adjudicated level correction). */
  levels: LevelRow[] | null;
};

export function versionView(v: VersionRow): AdjudicationVersion {
  return { ...baseVersionView(v), levels: (v.levels as LevelRow[] | null) ?? null };
}

export const reviewFields = { ...baseReviewFields, round: true, reviewerId: true, reviewer: { select: { name: true } } } as const;

type ReviewRow = Prisma.ReviewGetPayload<{ select: typeof reviewFields }>;

export type NamedReview = ReviewView & { reviewerId: string; reviewerName: string; round: number };

export function reviewView(r: ReviewRow): NamedReview {
  return { ...baseReviewView(r), reviewerId: r.reviewerId, reviewerName: r.reviewer.name, round: r.round };
}

/** A review as the agreement rule sees it (lib/review/decide-round reads them the same way). */
export function roundReview(r: Pick<ReviewView, "id" | "decision" | "levels" | "rubric" | "resultVersionId">, hashOf: (versionId: string) => string | null): RoundReview {
  return {
    reviewId: r.id,
    decision: r.decision,
    editHash: r.resultVersionId ? (hashOf(r.resultVersionId) ?? r.resultVersionId) : null,
    levels: r.levels.map((l) => ({ level: l.level, decision: l.decision, correctedLevel: l.correctedLevel })),
    rubric: (r.rubric as Record<string, number> | null) ?? null,
  };
}

/** One line per disagreement among the round's reviews. */
export function disagreementSummary(reviews: RoundReview[]): string[] {
  return disagreements(reviews).map(describeDisagreement);
}
