import "server-only";
// Settling a disputed item: the adjudicator's final decision on the item and on each level, and the final text.
// One transaction: the adjudication review, the adjudicated version (the final text, and the item's levels when
// the decision moves a claim to another level), the item's new levels, status and final decision, the adjudication
// assignment completed, and an audit event for each change. Nothing is written when anything is refused.
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { appendAudit } from "@/lib/audit";
import { indexCurrentText } from "@/lib/browse/search-index";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { compareLevels } from "@/lib/levels";
import type { Actor } from "@/lib/review/access";
import { transition, TransitionError, type ItemStatus } from "@/lib/review/lifecycle";
import { levelDecisionRows, nextVersionNumber, parseSentText } from "@/lib/review/writes";
import { adjudicateSchema, type AdjudicateInput, type AdjudicateValue } from "./schemas";
import { assertAdjudicator } from "./get-item";
import { correctedLevels } from "./levels";
import { reviewFields, reviewView, type LevelRow, type NamedReview } from "./views";
import { recordReview } from "@/lib/dashboard/record";

export interface AdjudicateResult {
  review: NamedReview;
  /** The adjudicated version holding the final text; null for a rejection. */
  version: { id: string; number: number } | null;
  item: {
    id: string;
    status: ItemStatus;
    finalDecision: "accept" | "edit" | "reject";
    currentVersionId: string | null;
    levels: LevelRow[];
    /** True when the decision moved claims to other levels and the item's levels changed. */
    levelsChanged: boolean;
  };
}

function parseAdjudication(raw: unknown): AdjudicateValue {
  const parsed = adjudicateSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  throw new ValidationError(issues[0]?.message ?? "The adjudication is not valid.", { issues });
}

const levelKey = (levels: LevelRow[]) => levels.map((l) => `${l.level}|${l.note ?? ""}`).join(",");

export async function adjudicate(itemId: string, raw: AdjudicateInput | AdjudicateValue, user: Actor): Promise<AdjudicateResult> {
  assertAdjudicator(user);
  const input = parseAdjudication(raw);
  return db().$transaction(async (tx) => {
    // The item's row lock first, as a review's save takes it: two adjudicators (or an adjudicator and a send-back)
    // on one item run one after the other, and the second sees the first's outcome.
    const touched = await tx.item.updateMany({ where: { id: itemId, stagedBatchId: null }, data: { updatedAt: new Date() } });
    if (touched.count === 0) throw new NotFoundError("No such item.");
    const item = await tx.item.findUniqueOrThrow({
      where: { id: itemId },
      select: { id: true, taskType: true, status: true, round: true, currentVersionId: true, finalDecision: true, openSlots: true, levels: { select: { level: true, kind: true, rank: true, note: true } } },
    });

    let status: ItemStatus;
    try {
      status = transition(item.status, "adjudicated");
    } catch (e) {
      if (e instanceof TransitionError) throw new ConflictError(e.message, { status: item.status });
      throw e;
    }

    const base = await tx.itemVersion.findFirst({ where: { id: input.baseVersionId, itemId }, select: { id: true, number: true, content: true, contentHash: true } });
    if (!base) throw new ValidationError("baseVersionId is not a version of this item: reload the item and adjudicate it again.", { baseVersionId: input.baseVersionId });
    if (base.id !== item.currentVersionId) {
      throw new ConflictError("This item changed since you opened it: its reviews are now on another version. Nothing was saved; reload the item.", {
        currentVersionId: item.currentVersionId,
        yourBase: base.id,
        status: item.status,
      });
    }

    // Every level of the item decided once, no other.
    const before = [...item.levels].sort((a, b) => a.rank - b.rank || compareLevels(a.level, b.level));
    const names = new Set(before.map((l) => l.level));
    const unknown = input.levels.filter((l) => !names.has(l.level)).map((l) => l.level);
    if (unknown.length) throw new ValidationError(`${unknown.join(", ")} ${unknown.length === 1 ? "is not a level" : "are not levels"} of this item (its levels: ${[...names].join(", ") || "none"}).`);
    const missing = before.filter((l) => !input.levels.some((d) => d.level === l.level)).map((l) => l.level);
    if (missing.length) throw new ValidationError(`Decide every level: ${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} no decision.`);

    // The final text: what the adjudicator sent (valid for the task type), else the version under review.
    let content: unknown = base.content;
    let hash = base.contentHash;
    if (input.content !== undefined && input.content !== null) {
      ({ content, hash } = parseSentText(item.taskType, input.content, "content", "The final text"));
    }
    const textChanged = hash !== base.contentHash;
    const corrections = new Map(input.levels.filter((l) => l.correctedLevel).map((l) => [l.level, l.correctedLevel!]));
    const levelChanged = input.levels.some((l) => l.decision !== "accept");
    if (input.decision === "reject" && textChanged) {
      throw new ValidationError("A rejection keeps the text as it is: take the text under review, or choose edit instead of reject.");
    }
    if (input.decision === "accept" && (textChanged || corrections.size > 0)) {
      throw new ValidationError(`The final ${textChanged ? "text differs from the version under review" : "levels move a claim to another level"}, so the final decision is edit (accept with changes).`);
    }
    if (input.decision === "edit" && !textChanged && !levelChanged) {
      throw new ValidationError("Nothing is changed: choose accept, or take an edited text or a changed level decision.");
    }

    // The accepted corrections, applied to the item's levels (a rejection leaves the levels alone).
    const after = input.decision !== "reject" && corrections.size ? correctedLevels(before, corrections) : before;
    const levelsChanged = levelKey(after) !== levelKey(before);

    let version: { id: string; number: number } | null = null;
    if (input.decision !== "reject") {
      version = await tx.itemVersion.create({
        data: {
          itemId,
          number: await nextVersionNumber(tx, itemId),
          kind: "adjudicated",
          content: content as Prisma.InputJsonValue,
          contentHash: hash,
          authorId: user.id,
          basedOnId: base.id,
          levels: levelsChanged ? (after as unknown as Prisma.InputJsonValue) : undefined,
        },
        select: { id: true, number: true },
      });
    }

    const saved = await tx.review.create({
      data: {
        itemId,
        reviewerId: user.id,
        isAdjudication: true,
        round: item.round,
        baseVersionId: base.id,
        resultVersionId: version?.id ?? null,
        decision: input.decision,
        reason: input.reason,
        severity: input.severity ?? null,
        comment: input.comment ?? null,
        levels: { create: levelDecisionRows(input.levels) },
      },
      select: reviewFields,
    });
    const review = reviewView(saved);
    await appendAudit(tx, {
      actorId: user.id,
      action: "review.adjudicate",
      targetType: "review",
      targetId: review.id,
      after: {
        itemId,
        round: item.round,
        baseVersionId: base.id,
        resultVersionId: review.resultVersionId,
        decision: review.decision,
        reason: review.reason,
        severity: review.severity,
        comment: review.comment,
        textFrom: input.textFrom ?? null,
        levels: review.levels.map((l) => ({ level: l.level, decision: l.decision, correctedLevel: l.correctedLevel, reason: l.reason, severity: l.severity, from: input.sources?.[l.level] ?? null })),
      },
    });

    if (version) {
      await appendAudit(tx, {
        actorId: user.id,
        action: "item.edit",
        targetType: "item",
        targetId: itemId,
        before: { versionId: base.id, number: base.number },
        after: { versionId: version.id, number: version.number, kind: "adjudicated", reviewId: review.id },
      });
    }
    for (const [from, to] of corrections) {
      await appendAudit(tx, {
        actorId: user.id,
        action: "level.correct",
        targetType: "item",
        targetId: itemId,
        before: { level: from },
        after: { level: to, reviewId: review.id, adjudication: true, applied: input.decision !== "reject" },
      });
    }
    if (levelsChanged) {
      await replaceLevels(tx, itemId, after);
      await appendAudit(tx, {
        actorId: user.id,
        action: "item.levels",
        targetType: "item",
        targetId: itemId,
        before: { levels: before },
        after: { levels: after, versionId: version?.id ?? null, reviewId: review.id },
      });
    }

    const currentVersionId = version?.id ?? item.currentVersionId;
    await tx.item.update({ where: { id: itemId }, data: { status, finalDecision: input.decision, currentVersionId, openSlots: 0 } });
    if (currentVersionId !== item.currentVersionId) await indexCurrentText(tx, itemId);
    await appendAudit(tx, {
      actorId: user.id,
      action: "item.status",
      targetType: "item",
      targetId: itemId,
      before: { status: item.status, currentVersionId: item.currentVersionId, finalDecision: item.finalDecision, openSlots: item.openSlots },
      after: { status, currentVersionId, finalDecision: input.decision, openSlots: 0, reviewId: review.id },
    });

    const open = await tx.assignment.findMany({ where: { itemId, kind: "adjudication", status: "assigned" }, select: { id: true, userId: true } });
    if (open.length) {
      const completedAt = new Date();
      await tx.assignment.updateMany({ where: { id: { in: open.map((a) => a.id) } }, data: { status: "done", completedAt, workLeaseExpiresAt: null } });
      for (const a of open) {
        await appendAudit(tx, { actorId: user.id, action: "assignment.complete", targetType: "assignment", targetId: a.id, before: { status: "assigned" }, after: { status: "done", itemId, userId: a.userId } });
      }
    }

    await recordReview(tx, review.id);
    return { review, version, item: { id: itemId, status, finalDecision: input.decision, currentVersionId, levels: after, levelsChanged } };
  });
}

async function replaceLevels(tx: Tx, itemId: string, levels: LevelRow[]): Promise<void> {
  await tx.itemLevel.deleteMany({ where: { itemId } });
  await tx.itemLevel.createMany({ data: levels.map((l) => ({ itemId, level: l.level, kind: l.kind, rank: l.rank, note: l.note })) });
}
