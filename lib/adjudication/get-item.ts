import "server-only";
// What the adjudication screen shows: the item, its images, every version, and the round's reviews side by side
// with their disagreements; once adjudicated, the adjudication too. Adjudicators and admins only: they see every
// reviewer (the round is over, blinding no longer applies).
import type { ItemStatus, TaskType } from "@/lib/db/generated/sqlite/enums";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { compareLevels } from "@/lib/levels";
import type { Actor } from "@/lib/review/access";
import { disagreementSummary, reviewFields, reviewView, roundReview, versionFields, versionView, type AdjudicationVersion, type LevelRow, type NamedReview } from "./views";

export interface AdjudicationItemView {
  id: string;
  externalId: string;
  taskType: TaskType;
  language: string;
  modality: string | null;
  subfield: string;
  status: ItemStatus;
  round: number;
  requiredReviews: number;
  finalDecision: "accept" | "edit" | "reject" | null;
  sendBackNote: string | null;
  sourceType: string;
  sourceReference: string;
  caseId: string | null;
  caseExternalId: string | null;
  /** Canonical, cranio-caudal: the item's levels now. */
  levels: LevelRow[];
  /** The version the round's reviews were made on (the item's current version while it is disputed). */
  base: AdjudicationVersion;
  /** Every version, oldest first. */
  versions: AdjudicationVersion[];
  images: { imageId: string; position: number; seriesId: string; caseId: string }[];
  /** The round's reviews (not adjudications), oldest first. */
  reviews: NamedReview[];
  /** One line per disagreement among them (lib/review/lifecycle). */
  disagreements: string[];
  /** The round's adjudication, once recorded. */
  adjudication: NamedReview | null;
}

export function assertAdjudicator(user: Actor): void {
  if (user.role !== "admin" && user.role !== "adjudicator") throw new ForbiddenError("Only adjudicators and admins settle disputed items.");
}

export async function getAdjudicationItem(itemId: string, user: Actor): Promise<AdjudicationItemView> {
  assertAdjudicator(user);
  const client = db();
  const item = await client.item.findFirst({
    where: { id: itemId, stagedBatchId: null },
    include: {
      case: { select: { externalId: true } },
      levels: { select: { level: true, kind: true, rank: true, note: true } },
      images: { select: { imageId: true, position: true, image: { select: { seriesId: true, series: { select: { caseId: true } } } } }, orderBy: { position: "asc" } },
    },
  });
  if (!item) throw new NotFoundError("No such item.");
  const [versions, reviews] = await Promise.all([
    client.itemVersion.findMany({ where: { itemId, stagedBatchId: null }, select: versionFields, orderBy: { number: "asc" } }),
    client.review.findMany({ where: { itemId, round: item.round }, select: reviewFields, orderBy: { submittedAt: "asc" } }),
  ]);
  const views = versions.map(versionView);
  const round = reviews.filter((r) => !r.isAdjudication).map(reviewView);
  const adjudication = reviews.filter((r) => r.isAdjudication).map(reviewView).pop() ?? null;
  // While disputed the round's base is the current version; once adjudicated, the base the adjudication names.
  const baseId = adjudication?.baseVersionId ?? round[0]?.baseVersionId ?? item.currentVersionId;
  const base = views.find((v) => v.id === baseId) ?? views.find((v) => v.id === item.currentVersionId) ?? views[views.length - 1];
  if (!base) throw new NotFoundError("This item has no versions.");
  const hash = new Map(views.map((v) => [v.id, v.contentHash]));
  return {
    id: item.id,
    externalId: item.externalId,
    taskType: item.taskType,
    language: item.language,
    modality: item.modality,
    subfield: item.subfield,
    status: item.status,
    round: item.round,
    requiredReviews: item.requiredReviews,
    finalDecision: item.finalDecision,
    sendBackNote: item.sendBackNote,
    sourceType: item.sourceType,
    sourceReference: item.sourceReference,
    caseId: item.caseId,
    caseExternalId: item.case?.externalId ?? null,
    levels: [...item.levels].sort((a, b) => a.rank - b.rank || compareLevels(a.level, b.level)),
    base,
    versions: views,
    images: item.images.map((i) => ({ imageId: i.imageId, position: i.position, seriesId: i.image.seriesId, caseId: i.image.series.caseId })),
    reviews: round,
    disagreements: disagreementSummary(round.map((r) => roundReview(r, (id) => hash.get(id) ?? null))),
    adjudication,
  };
}
