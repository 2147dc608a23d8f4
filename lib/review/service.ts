import "server-only";
// The review of one item by one reviewer: what the workspace shows, opening (the lease), saving a decision per
// item and per level (with an edit stored as a new version), and the item's status once enough independent
// reviews are in. Every change is written with its audit events in one transaction.
//
// A review round: reviews are made against the item's current version, and a save against any other version is
// refused (409), so the reviews that count towards an item's status are the non-adjudication reviews whose base
// is the current version. When a round ends with edits the current version moves to the reviewed text; when a
// re-import brings a new revision the item is pending again — either way a new round starts, and older reviews
// stay in the history without counting.
import { itemWhere } from "@/lib/items/queries";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { ItemStatus, TaskType, VersionKind } from "@/lib/db/generated/sqlite/enums";
import { appendAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { parseContent } from "@/lib/items/content";
import { contentHash } from "@/lib/items/hash";
import { compareLevels } from "@/lib/levels";
import { workLeaseUntil } from "./lifecycle";
import { assertCanView, seesAllReviews, type Actor, type ReviewAssignment } from "./access";
import { missingDimensions, RUBRIC_LABELS, rubricTotal, type RubricScores } from "./rubric";
import { submitReviewSchema, type QueueFilter, type SubmitReviewInput, type SubmitReviewValue } from "./schemas";

export type { Actor } from "./access";


// ---------------------------------------------------------------------------------------------------------------
// Shapes returned to the workspace and the routes: plain JSON (dates as ISO strings), the same for a server
// component and a fetch.

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
  position: number;
  dueAt: string;
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

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

const versionFields = {
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

function versionView(v: VersionRow): VersionView {
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

const reviewFields = {
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

function reviewView(r: ReviewRow): ReviewView {
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

function assignmentView(a: ReviewAssignment | null): AssignmentView | null {
  if (!a) return null;
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    position: a.position,
    dueAt: iso(a.dueAt),
    assignedAt: iso(a.assignedAt),
    completedAt: isoOrNull(a.completedAt),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The workspace.

/** What the review workspace shows. Throws NotFoundError, or ForbiddenError for a reviewer it is not assigned to. */
export async function getReviewItem(itemId: string, user: Actor): Promise<ReviewItemView> {
  const client = db();
  const item = await client.item.findUnique({
    where: { id: itemId },
    include: {
      case: { select: { externalId: true } },
      levels: { select: { level: true, kind: true, rank: true, note: true }, orderBy: { rank: "asc" } },
      images: { select: { imageId: true, position: true, image: { select: { seriesId: true, series: { select: { caseId: true } } } } }, orderBy: { position: "asc" } },
    },
  });
  if (!item) throw new NotFoundError("No such item.");
  const assignment = await assertCanView(client, itemId, user);

  // Blinding: a reviewer sees the LLM versions, their own edits and the version under review, never another
  // reviewer's edit of the same round.
  const all = seesAllReviews(user);
  const versions = await client.itemVersion.findMany({
    where: {
      itemId,
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
    sourceType: item.sourceType,
    sourceReference: item.sourceReference,
    licence: item.licence,
    caseId: item.caseId,
    caseExternalId: item.case?.externalId ?? null,
    levels: [...item.levels].sort((a, b) => a.rank - b.rank || compareLevels(a.level, b.level)),
    current: versionView(current),
    versions: versions.map(versionView),
    images: item.images.map((i) => ({ imageId: i.imageId, position: i.position, seriesId: i.image.seriesId, caseId: i.image.series.caseId })),
    myReview: mine ? reviewView(mine) : null,
    assignment: assignmentView(assignment),
  };
}

/** Opening an item takes the working lease on it (the short lock while it is open) and is audited. */
export async function openItem(itemId: string, user: Actor): Promise<{ openedAt: string; workLeaseExpiresAt: string | null }> {
  return db().$transaction(async (tx) => {
    const item = await tx.item.findUnique({ where: { id: itemId }, select: { id: true } });
    if (!item) throw new NotFoundError("No such item.");
    await assertCanView(tx, itemId, user);
    const openedAt = new Date();
    const workLeaseExpiresAt = workLeaseUntil(openedAt);
    // Only a live assignment is locked: a finished or released one stays as it is. The due date is not touched.
    const renewed = await tx.assignment.updateMany({ where: { itemId, userId: user.id, status: "assigned" }, data: { workLeaseExpiresAt } });
    await appendAudit(tx, {
      actorId: user.id,
      action: "item.open",
      targetType: "item",
      targetId: itemId,
      after: renewed.count > 0 ? { workLeaseExpiresAt: iso(workLeaseExpiresAt) } : undefined,
    });
    return { openedAt: iso(openedAt), workLeaseExpiresAt: renewed.count > 0 ? iso(workLeaseExpiresAt) : null };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Saving a review.

export interface SubmitReviewResult {
  review: ReviewView;
  /** The reviewed version the review created (a text edit), else null. */
  version: { id: string; number: number } | null;
  item: {
    id: string;
    status: ItemStatus;
    currentVersionId: string | null;
    currentVersionNumber: number | null;
    /** Reviews of the current round, this one included. */
    reviewsDone: number;
    requiredReviews: number;
  };
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

const DECIDED: readonly ItemStatus[] = ["approved", "rejected", "disputed"];

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
    if (touched.count === 0) throw new NotFoundError("No such item.");
    const item = await tx.item.findUniqueOrThrow({
      where: { id: itemId },
      select: { id: true, taskType: true, status: true, requiredReviews: true, currentVersionId: true, levels: { select: { level: true } } },
    });

    const assignment = await assertCanView(tx, itemId, user);

    const base = await tx.itemVersion.findFirst({ where: { id: input.baseVersionId, itemId }, select: { id: true, number: true, content: true } });
    if (!base) throw new ValidationError("baseVersionId is not a version of this item: reload the item and review it again.", { baseVersionId: input.baseVersionId });
    if (base.id !== item.currentVersionId) {
      throw new ConflictError(
        "This item changed since you opened it: a newer version was saved. Your review was not saved; your text is kept so you can review the new version.",
        { current: await conflictVersion(tx, item.currentVersionId), yourBase: input.baseVersionId, status: item.status },
      );
    }

    const existing = await tx.review.findFirst({
      where: { itemId, reviewerId: user.id, isAdjudication: false, baseVersionId: base.id },
      orderBy: { submittedAt: "desc" },
      select: reviewFields,
    });
    if (existing) {
      throw new ConflictError(`You already reviewed this item (${existing.decision}, ${iso(existing.submittedAt).slice(0, 16).replace("T", " ")} UTC). A second review was not saved.`, {
        existingReview: reviewView(existing),
        status: item.status,
      });
    }
    if (DECIDED.includes(item.status)) {
      throw new ConflictError(`This item was already decided (${item.status.replace("_", " ")}) by the required reviews. Your review was not saved.`, {
        status: item.status,
        current: await conflictVersion(tx, item.currentVersionId),
      });
    }
    if (!seesAllReviews(user) && assignment?.status !== "assigned") {
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
      const parsed = parseContent(item.taskType, input.editedContent);
      if (!parsed.ok) {
        const issues = parsed.errors.map((e) => ({ path: e.path ? `editedContent.${e.path}` : "editedContent", message: e.message }));
        throw new ValidationError(`The edited text is not valid: ${issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join("; ")}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ""}.`, { issues });
      }
      const hash = contentHash(parsed.content);
      if (hash !== contentHash(base.content)) edited = { content: parsed.content, hash };
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

    // A text edit becomes a new version; draft, revision and earlier versions stay.
    let version: { id: string; number: number } | null = null;
    if (edited) {
      const last = await tx.itemVersion.findFirst({ where: { itemId }, orderBy: { number: "desc" }, select: { number: true } });
      version = await tx.itemVersion.create({
        data: {
          itemId,
          number: (last?.number ?? 0) + 1,
          kind: "reviewed",
          content: edited.content as Prisma.InputJsonValue,
          contentHash: edited.hash,
          authorId: user.id,
          basedOnId: base.id,
        },
        select: { id: true, number: true },
      });
      await appendAudit(tx, {
        actorId: user.id,
        action: "item.edit",
        targetType: "item",
        targetId: itemId,
        before: { versionId: base.id, number: base.number },
        after: { versionId: version.id, number: version.number },
      });
    }

    const total = rubric ? rubricTotal(rubric) : null;
    const saved = await tx.review.create({
      data: {
        itemId,
        reviewerId: user.id,
        isAdjudication: false,
        baseVersionId: base.id,
        resultVersionId: version?.id ?? null,
        decision: input.decision,
        reason: input.reason ?? null,
        severity: input.severity ?? null,
        comment: input.comment ?? null,
        rubric: rubric ?? undefined,
        rubricTotal: total,
        timeSpentMs: input.timeSpentMs,
        startedAt: input.startedAt ? new Date(input.startedAt) : null,
        levels: {
          create: input.levels.map((l) => ({
            level: l.level,
            decision: l.decision,
            correctedLevel: l.correctedLevel ?? null,
            reason: l.reason ?? null,
            severity: l.severity ?? null,
            comment: l.comment ?? null,
          })),
        },
      },
      select: reviewFields,
    });
    const review = reviewView(saved);

    await appendAudit(tx, {
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
      await appendAudit(tx, {
        actorId: user.id,
        action: "level.correct",
        targetType: "item",
        targetId: itemId,
        before: { level: l.level },
        after: { level: l.correctedLevel, reviewId: review.id },
      });
    }
    if (rubric) {
      await appendAudit(tx, { actorId: user.id, action: "rubric.score", targetType: "review", targetId: review.id, after: { scores: rubric, total } });
    }

    await tx.assignment.updateMany({
      where: { itemId, userId: user.id, kind: "review", status: "assigned" },
      data: { status: "done", completedAt: new Date() },
    });

    const outcome = await decideItem(tx, item, base.id, user.id);
    return { review, version, item: outcome };
  });
}

/** The item's status after a review: waiting for more reviews, or decided by the round's reviews. */
async function decideItem(
  tx: Tx,
  item: { id: string; status: ItemStatus; requiredReviews: number; currentVersionId: string | null },
  roundBaseId: string,
  actorId: string,
): Promise<SubmitReviewResult["item"]> {
  const round = await tx.review.findMany({
    where: { itemId: item.id, isAdjudication: false, baseVersionId: roundBaseId },
    select: { decision: true, resultVersionId: true },
  });
  const required = Math.max(1, item.requiredReviews);
  let status: ItemStatus;
  let currentVersionId = item.currentVersionId;
  if (round.length < required) {
    status = "in_review";
  } else if (round.every((r) => r.decision === "reject")) {
    status = "rejected";
  } else if (round.every((r) => r.decision !== "reject")) {
    status = "approved";
    // Accepted with edits: the newest reviewed text becomes what exports use.
    const edits = round.map((r) => r.resultVersionId).filter((id): id is string => id !== null);
    if (edits.length) {
      const latest = await tx.itemVersion.findFirst({ where: { id: { in: edits } }, orderBy: { number: "desc" }, select: { id: true } });
      currentVersionId = latest?.id ?? currentVersionId;
    }
  } else {
    // Some reviewers rejected and some accepted: an adjudicator settles it.
    status = "disputed";
  }

  if (status !== item.status || currentVersionId !== item.currentVersionId) {
    await tx.item.update({ where: { id: item.id }, data: { status, currentVersionId } });
    await appendAudit(tx, {
      actorId,
      action: "item.status",
      targetType: "item",
      targetId: item.id,
      before: { status: item.status, currentVersionId: item.currentVersionId },
      after: { status, currentVersionId, reviews: round.length, requiredReviews: required },
    });
  }
  const current = currentVersionId ? await tx.itemVersion.findUnique({ where: { id: currentVersionId }, select: { number: true } }) : null;
  return {
    id: item.id,
    status,
    currentVersionId,
    currentVersionNumber: current?.number ?? null,
    reviewsDone: round.length,
    requiredReviews: required,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The queue.

export interface QueueRow {
  assignmentId: string;
  position: number;
  dueAt: string;
  assignedAt: string;
  itemId: string;
  externalId: string;
  taskType: TaskType;
  language: string;
  modality: string | null;
  subfield: string;
  status: ItemStatus;
  requiredReviews: number;
  levels: string[];
  /** The user already reviewed the item's current version (e.g. assigned again after a re-import did not change it). */
  reviewed: boolean;
}

export interface QueuePage {
  items: QueueRow[];
  /** All matching assigned items (the list holds at most `limit`). */
  total: number;
}

const QUEUE_ORDER = [{ position: "asc" }, { assignedAt: "asc" }, { id: "asc" }] as const;

function queueWhere(userId: string, f: QueueFilter) {
  return {
    userId,
    kind: "review" as const,
    status: "assigned" as const,
    item: itemWhere(f),
  };
}

/** The user's open review assignments, in queue order. */
export async function reviewQueue(userId: string, filters: QueueFilter = {}, limit = 500): Promise<QueuePage> {
  const where = queueWhere(userId, filters);
  const [rows, total] = await Promise.all([
    db().assignment.findMany({
      where,
      orderBy: [...QUEUE_ORDER],
      take: Math.min(Math.max(1, limit), 2000),
      select: {
        id: true,
        position: true,
        dueAt: true,
        assignedAt: true,
        item: {
          select: {
            id: true,
            externalId: true,
            taskType: true,
            language: true,
            modality: true,
            subfield: true,
            status: true,
            requiredReviews: true,
            currentVersionId: true,
            levels: { select: { level: true }, orderBy: { rank: "asc" } },
          },
        },
      },
    }),
    db().assignment.count({ where }),
  ]);
  const reviews = await db().review.findMany({
    where: { reviewerId: userId, isAdjudication: false, itemId: { in: rows.map((r) => r.item.id) } },
    select: { itemId: true, baseVersionId: true },
  });
  const reviewedBase = new Set(reviews.map((r) => `${r.itemId} ${r.baseVersionId}`));
  return {
    total,
    items: rows.map((r) => ({
      assignmentId: r.id,
      position: r.position,
      dueAt: iso(r.dueAt),
      assignedAt: iso(r.assignedAt),
      itemId: r.item.id,
      externalId: r.item.externalId,
      taskType: r.item.taskType,
      language: r.item.language,
      modality: r.item.modality,
      subfield: r.item.subfield,
      status: r.item.status,
      requiredReviews: r.item.requiredReviews,
      levels: r.item.levels.map((l) => l.level),
      reviewed: reviewedBase.has(`${r.item.id} ${r.item.currentVersionId}`),
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
  // (position, assignedAt, id) orders the queue; "before the anchor" spelled out for the database.
  const before = {
    OR: [
      { position: { lt: anchor.position } },
      { position: anchor.position, assignedAt: { lt: anchor.assignedAt } },
      { position: anchor.position, assignedAt: anchor.assignedAt, id: { lt: anchor.id } },
    ],
  };
  const after = {
    OR: [
      { position: { gt: anchor.position } },
      { position: anchor.position, assignedAt: { gt: anchor.assignedAt } },
      { position: anchor.position, assignedAt: anchor.assignedAt, id: { gt: anchor.id } },
    ],
  };
  const [previous, next, ahead] = await Promise.all([
    db().assignment.findFirst({ where: { ...where, ...before }, orderBy: [{ position: "desc" }, { assignedAt: "desc" }, { id: "desc" }], select: { itemId: true } }),
    db().assignment.findFirst({ where: { ...where, ...after }, orderBy: [...QUEUE_ORDER], select: { itemId: true } }),
    db().assignment.count({ where: { ...where, ...before } }),
  ]);
  return {
    position: anchor.status === "assigned" ? ahead + 1 : 0,
    total,
    previousId: previous?.itemId ?? null,
    nextId: next?.itemId ?? null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// History.

export interface HistoryEvent {
  seq: number;
  at: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
}

/** Events of the import that a reviewer may see besides their own (actions starting "import." count too). */
const IMPORT_ACTIONS = ["item.reimported"];

/**
 * The audit events of an item (its own, its reviews', and the import batches that brought its versions),
 * newest first. A reviewer sees their own events and the imports, nothing another reviewer did.
 */
export async function itemHistory(itemId: string, user: Actor, limit = 500): Promise<{ events: HistoryEvent[] }> {
  const client = db();
  const item = await client.item.findUnique({ where: { id: itemId }, select: { id: true, importBatchId: true } });
  if (!item) throw new NotFoundError("No such item.");
  await assertCanView(client, itemId, user);
  const [reviews, batches] = await Promise.all([
    client.review.findMany({ where: { itemId }, select: { id: true } }),
    client.itemVersion.findMany({ where: { itemId, importBatchId: { not: null } }, select: { importBatchId: true }, distinct: ["importBatchId"] }),
  ]);
  const batchIds = [...new Set([item.importBatchId, ...batches.map((b) => b.importBatchId)].filter((b): b is string => b !== null))];
  const targets = [
    { targetType: "item", targetId: itemId },
    ...(reviews.length ? [{ targetType: "review", targetId: { in: reviews.map((r) => r.id) } }] : []),
    ...(batchIds.length ? [{ targetType: "import", targetId: { in: batchIds } }] : []),
  ];
  // Blinding in the query itself, so a reviewer's page is full even when others did much more on the item.
  const visible = seesAllReviews(user) ? {} : { OR: [{ actorId: user.id }, { action: { startsWith: "import." } }, { action: { in: IMPORT_ACTIONS } }] };
  const rows = await client.auditEvent.findMany({
    where: { AND: [{ OR: targets }, visible] },
    orderBy: { seq: "desc" },
    take: Math.min(Math.max(1, limit), 5000),
    select: { seq: true, at: true, action: true, actorId: true, targetType: true, targetId: true, before: true, after: true, actor: { select: { name: true } } },
  });
  return {
    events: rows.map((e) => ({
      seq: e.seq,
      at: iso(e.at),
      action: e.action,
      actorId: e.actorId,
      actorName: e.actor?.name ?? null,
      targetType: e.targetType,
      targetId: e.targetId,
      before: e.before ?? null,
      after: e.after ?? null,
    })),
  };
}
