import "server-only";
// Saving one review: the decision on the item and on each of its levels, an edited text as a new version, the
// rubric for a report. Reviews are made against the item's current version in the item's current round; a save
// against any other version is refused (409). Once the round has its required reviews, decideRound settles the
// item by the agreement rule (lib/review/lifecycle). Every change is written with its audit events in one
// transaction.
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { VersionKind } from "@/lib/db/generated/sqlite/enums";
import { appendAuditMany, type AuditInput } from "@/lib/audit";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { contentHash } from "@/lib/items/hash";
import { compareLevels } from "@/lib/levels";
import { assertCanViewWith, findReviewAssignment, NO_SUCH_ITEM, type Actor } from "./access";
import { decideRound, type ItemOutcome } from "./decide-round";
import { isReviewable, statusLabel } from "./lifecycle";
import { missingDimensions, RUBRIC_LABELS, rubricTotal, type RubricScores } from "./rubric";
import { submitReviewSchema, type SubmitReviewInput, type SubmitReviewValue } from "./schemas";
import { levelDecisionRows, nextVersionNumber, parseSentText } from "./writes";
import { iso, reviewFields, reviewView, versionFields, type ReviewView } from "./views";
import { recordReview } from "@/lib/dashboard/record";

export interface SubmitReviewResult {
  review: ReviewView;
  /** The reviewed version the review created (a text edit), else null. */
  version: { id: string; number: number } | null;
  item: ItemOutcome;
}

/** The version another save put in place, shown to the reviewer whose save was refused. */
export interface ConflictVersion {
  versionId: string;
  /** The same as versionId, under the name the workspace's version type uses. */
  id: string;
  number: number;
  kind: VersionKind;
  content: unknown;
  authorName: string | null;
  createdAt: string;
}

async function conflictVersion(tx: Tx, versionId: string | null): Promise<ConflictVersion | null> {
  if (!versionId) return null;
  const v = await tx.itemVersion.findUnique({ where: { id: versionId }, select: versionFields });
  if (!v) return null;
  return { versionId: v.id, id: v.id, number: v.number, kind: v.kind, content: v.content, authorName: v.author?.name ?? null, createdAt: iso(v.createdAt) };
}

/**
 * The route has parsed the body already; parsing again here (the schema is idempotent) keeps the rules in force
 * for every caller of the service, with a ValidationError the way the service reports everything else.
 */
function parseSubmission(raw: unknown): SubmitReviewValue {
  const parsed = submitReviewSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  throw new ValidationError(issues[0]?.message ?? "The review is not valid.", { issues });
}

function listLevels(levels: string[]): string {
  return levels.join(", ");
}

/**
 * Saves one review (the decision on the item and on each of its levels, an edited text as a new version, the
 * rubric for a report), completes the user's assignment and moves the item on once the required number of
 * independent reviews is in. One transaction; nothing is written when anything is refused.
 */
export async function submitReview(itemId: string, raw: SubmitReviewInput | SubmitReviewValue, user: Actor): Promise<SubmitReviewResult> {
  const input = parseSubmission(raw);
  return db().$transaction(async (tx) => {
    // Take the item's row lock first: two saves on one item (two reviewers finishing a round at once, or one
    // reviewer in two tabs) run one after the other, and the second sees what the first wrote. On SQLite the
    // write also makes this transaction the writer from its start, instead of failing to upgrade a read lock.
    const touched = await tx.item.updateMany({ where: { id: itemId }, data: { updatedAt: new Date() } });
    if (touched.count === 0) throw new NotFoundError(NO_SUCH_ITEM);
    const item = await tx.item.findUniqueOrThrow({
      where: { id: itemId },
      select: { id: true, taskType: true, status: true, round: true, requiredReviews: true, currentVersionId: true, stagedBatchId: true, levels: { select: { level: true } } },
    });
    if (item.stagedBatchId) throw new NotFoundError(NO_SUCH_ITEM);

    // A reviewer whose pool hold ran out learns why, instead of "no such item".
    const own = await findReviewAssignment(tx, itemId, user.id);
    if (own?.status === "released" && own.origin === "pool") {
      throw new ForbiddenError("Your hold on this item ran out and it went back to the pool. Your review was not saved; your text is kept as a draft.");
    }
    const assignment = assertCanViewWith(own, user);

    const base = await tx.itemVersion.findFirst({ where: { id: input.baseVersionId, itemId }, select: { id: true, number: true, content: true } });
    if (!base) throw new ValidationError("baseVersionId is not a version of this item: reload the item and review it again.", { baseVersionId: input.baseVersionId });
    if (base.id !== item.currentVersionId) {
      throw new ConflictError(
        "This item changed since you opened it: a newer version was saved. Your review was not saved; your text is kept so you can review the new version.",
        { current: await conflictVersion(tx, item.currentVersionId), yourBase: input.baseVersionId, status: item.status },
      );
    }

    // Read in full only when there is one (rare): the common path costs one small query.
    const earlier = await tx.review.findFirst({ where: { itemId, reviewerId: user.id, isAdjudication: false, round: item.round }, select: { id: true } });
    const existing = earlier ? await tx.review.findUniqueOrThrow({ where: { id: earlier.id }, select: reviewFields }) : null;
    if (existing) {
      throw new ConflictError(`You already reviewed this item (${existing.decision}, ${iso(existing.submittedAt).slice(0, 16).replace("T", " ")} UTC). A second review was not saved.`, {
        existingReview: reviewView(existing),
        status: item.status,
      });
    }
    if (!isReviewable(item.status)) {
      throw new ConflictError(`This item was already decided (${statusLabel(item.status)}) by the required reviews. Your review was not saved.`, {
        status: item.status,
        current: await conflictVersion(tx, item.currentVersionId),
      });
    }
    // Only an assigned reviewer's review fills a review slot, whatever the role: an adjudicator decides through
    // adjudication, and nobody's review counts as independent without the slot.
    if (!assignment) {
      throw new ForbiddenError("Only a reviewer this item is assigned to can review it; adjudicators settle disputed items on the Adjudication page.");
    }
    if (assignment.status !== "assigned") {
      throw new ForbiddenError("This item is no longer in your queue (your assignment is finished). Ask an admin to assign it again.");
    }

    // One decision per level of the item, each once (duplicates were refused by the schema).
    const itemLevels = item.levels.map((l) => l.level).sort(compareLevels);
    const given = new Set(input.levels.map((l) => l.level));
    const missing = itemLevels.filter((l) => !given.has(l));
    const unknown = input.levels.map((l) => l.level).filter((l) => !itemLevels.includes(l));
    if (missing.length || unknown.length) {
      const parts = [
        missing.length ? `missing ${listLevels(missing)}` : "",
        unknown.length ? `${listLevels(unknown)} ${unknown.length === 1 ? "is not a level" : "are not levels"} of this item` : "",
      ].filter(Boolean);
      throw new ValidationError(`Give one decision per level of the item (${listLevels(itemLevels) || "none"}): ${parts.join("; ")}.`, { missing, unknown });
    }

    // The rubric: all ten dimensions for a report, none for anything else.
    let rubric: RubricScores | null = null;
    if (item.taskType === "report") {
      const scores = input.rubric ?? {};
      const absent = missingDimensions(scores);
      if (absent.length) {
        throw new ValidationError(`Score the report rubric: ${absent.map((d) => RUBRIC_LABELS[d]).join(", ")} ${absent.length === 1 ? "has" : "have"} no score (1–5).`, { missing: absent });
      }
      rubric = scores as RubricScores;
    } else if (input.rubric && Object.keys(input.rubric).length > 0) {
      throw new ValidationError("Only report items are scored on the rubric: leave out rubric for this item.");
    }

    // The edited text: valid for the task type, and an edit only if it differs from the version reviewed.
    let edited: { content: unknown; hash: string } | null = null;
    if (input.editedContent !== undefined && input.editedContent !== null) {
      const sent = parseSentText(item.taskType, input.editedContent, "editedContent", "The edited text");
      if (sent.hash !== contentHash(base.content)) edited = sent;
    }
    const levelChanged = input.levels.some((l) => l.decision !== "accept");
    if (edited && input.decision !== "edit") {
      throw new ValidationError(
        input.decision === "accept"
          ? "You changed the text, so the decision is edit (accept with changes), with a reason and a severity."
          : "A rejection keeps the text as it is: undo your text changes, or choose edit instead of reject.",
      );
    }
    if (input.decision === "edit" && !edited && !levelChanged) {
      throw new ValidationError("Nothing was changed: choose accept, or edit the text or the decision on a level.");
    }

    // The audit events are written together at the end: one insert, and on PostgreSQL the audit chain's lock is
    // held only for the last moment of the transaction instead of from its first event.
    const events: AuditInput[] = [];
    // A text edit becomes a new version; draft, revision and earlier versions stay.
    let version: { id: string; number: number } | null = null;
    if (edited) {
      version = await tx.itemVersion.create({
        data: {
          itemId,
          number: await nextVersionNumber(tx, itemId),
          kind: "reviewed",
          content: edited.content as Prisma.InputJsonValue,
          contentHash: edited.hash,
          authorId: user.id,
          basedOnId: base.id,
        },
        select: { id: true, number: true },
      });
      events.push({
        actorId: user.id,
        action: "item.edit",
        targetType: "item",
        targetId: itemId,
        before: { versionId: base.id, number: base.number },
        after: { versionId: version.id, number: version.number },
      });
    }

    const total = rubric ? rubricTotal(rubric) : null;
    const levelRows = levelDecisionRows(input.levels);
    const fields = {
      itemId,
      isAdjudication: false,
      baseVersionId: base.id,
      resultVersionId: version?.id ?? null,
      decision: input.decision,
      reason: input.reason ?? null,
      severity: input.severity ?? null,
      comment: input.comment ?? null,
      rubricTotal: total,
      timeSpentMs: input.timeSpentMs,
      startedAt: input.startedAt ? new Date(input.startedAt) : null,
    };
    const created = await tx.review.create({
      data: { ...fields, reviewerId: user.id, round: item.round, rubric: rubric ?? undefined },
      select: { id: true, submittedAt: true },
    });
    // One insert for all level decisions; the view is built from what was written instead of read back.
    await tx.levelDecision.createMany({ data: levelRows.map((l) => ({ ...l, reviewId: created.id })) });
    const saved = { ...fields, id: created.id, submittedAt: created.submittedAt, rubric: rubric ?? null, levels: levelRows };
    const review = reviewView(saved);

    events.push({
      actorId: user.id,
      action: "review.submit",
      targetType: "review",
      targetId: review.id,
      after: {
        itemId,
        baseVersionId: base.id,
        resultVersionId: review.resultVersionId,
        decision: review.decision,
        reason: review.reason,
        severity: review.severity,
        comment: review.comment,
        levels: review.levels.map((l) => ({ level: l.level, decision: l.decision, correctedLevel: l.correctedLevel, reason: l.reason, severity: l.severity })),
      },
    });
    // A level correction is its own event: "the claim at L4/L5 belongs to L5/S1" is one action, findable as such.
    for (const l of review.levels) {
      if (!l.correctedLevel) continue;
      events.push({
        actorId: user.id,
        action: "level.correct",
        targetType: "item",
        targetId: itemId,
        before: { level: l.level },
        after: { level: l.correctedLevel, reviewId: review.id },
      });
    }
    if (rubric) {
      events.push({ actorId: user.id, action: "rubric.score", targetType: "review", targetId: review.id, after: { scores: rubric, total } });
    }

    await tx.assignment.updateMany({
      where: { id: assignment.id, status: "assigned" },
      data: { status: "done", completedAt: new Date(), workLeaseExpiresAt: null },
    });

    const knownNumbers = new Map([[base.id, base.number], ...(version ? ([[version.id, version.number]] as const) : [])]);
    const outcome = await decideRound(tx, item, user.id, events, knownNumbers);
    await recordReview(tx, review.id);
    // Last: on PostgreSQL the audit chain's lock is then held only until the commit.
    await appendAuditMany(tx, events);
    return { review, version, item: outcome };
  });
}

