import "server-only";
// What the review workspace shows of one item.
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { compareLevels } from "@/lib/levels";
import { assertCanView, NO_SUCH_ITEM, seesAllReviews, type Actor } from "./access";
import { assignmentView, reviewFields, reviewView, versionFields, versionView, type ReviewItemView } from "./views";

/** What the review workspace shows. Throws NotFoundError, also for a reviewer it is not assigned to. */
export async function getReviewItem(itemId: string, user: Actor): Promise<ReviewItemView> {
  const client = db();
  const item = await client.item.findUnique({
    where: { id: itemId },
    include: {
      case: { select: { externalId: true } },
      levels: { select: { level: true, kind: true, rank: true, note: true }, orderBy: { rank: "asc" } },
    },
  });
  if (!item || item.stagedBatchId) throw new NotFoundError(NO_SUCH_ITEM);
  const assignment = await assertCanView(client, itemId, user);
  // One joined read instead of three (item images → images → series).
  const images = await client.$queryRaw<{ imageId: string; position: number | bigint; seriesId: string; caseId: string }[]>`
    SELECT ii."imageId", ii."position", im."seriesId", s."caseId"
    FROM "ItemImage" ii JOIN "Image" im ON im."id" = ii."imageId" JOIN "Series" s ON s."id" = im."seriesId"
    WHERE ii."itemId" = ${itemId} ORDER BY ii."position"`;

  // Blinding: a reviewer sees the LLM versions, their own edits and the version under review (which, once the item
  // is decided, may be another reviewer's agreed edit), never another reviewer's edit of an open round.
  const all = seesAllReviews(user);
  const versions = await client.itemVersion.findMany({
    where: {
      itemId,
      stagedBatchId: null,
      ...(all
        ? {}
        : {
            OR: [
              { kind: { in: ["draft", "revision"] } },
              { authorId: user.id },
              ...(item.currentVersionId ? [{ id: item.currentVersionId }] : []),
            ],
          }),
    },
    select: versionFields,
    orderBy: { number: "asc" },
  });
  const current = versions.find((v) => v.id === item.currentVersionId) ?? versions[versions.length - 1];
  if (!current) throw new NotFoundError("This item has no versions.");

  const mine = await client.review.findFirst({
    where: { itemId, reviewerId: user.id },
    orderBy: { submittedAt: "desc" },
    select: reviewFields,
  });

  return {
    id: item.id,
    externalId: item.externalId,
    taskType: item.taskType,
    language: item.language,
    modality: item.modality,
    subfield: item.subfield,
    status: item.status,
    requiredReviews: item.requiredReviews,
    round: item.round,
    sendBackNote: item.sendBackNote,
    sourceType: item.sourceType,
    sourceReference: item.sourceReference,
    licence: item.licence,
    caseId: item.caseId,
    caseExternalId: item.case?.externalId ?? null,
    levels: [...item.levels].sort((a, b) => a.rank - b.rank || compareLevels(a.level, b.level)),
    current: versionView(current),
    versions: versions.map(versionView),
    images: images.map((i) => ({ imageId: i.imageId, position: Number(i.position), seriesId: i.seriesId, caseId: i.caseId })),
    myReview: mine ? reviewView(mine) : null,
    assignment: assignmentView(assignment),
  };
}

