import "server-only";
// The hooks the decision transactions call (one call each, inside their transaction): a review or an
// adjudication saved, an item changed otherwise (send-back, gold expectation), an import batch made visible.
import type { Tx } from "@/lib/db/client";
import { rescoreGold } from "./gold";
import { recountItemIfChanged, recountItems } from "./items";
import { dayOf, reviewCounters, Tally, unitCounters, type LevelVerdictRow, type UnitRating } from "./keys";
import { addCounters, fromPrisma, type SqlExec } from "./sql";

type PrismaTx = Pick<Tx, "$queryRawUnsafe" | "$executeRawUnsafe">;

const bool = (exec: SqlExec, v: boolean) => (exec.provider === "postgres" ? String(v) : v ? "1" : "0");
const truthy = (v: unknown) => v === true || v === 1 || v === "1" || v === "t" || v === 1n;

function json<T>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}

export async function levelsOfReviews(exec: SqlExec, reviewIds: string[]): Promise<Map<string, LevelVerdictRow[]>> {
  const out = new Map<string, LevelVerdictRow[]>();
  for (let i = 0; i < reviewIds.length; i += 500) {
    const part = reviewIds.slice(i, i + 500);
    const rows = await exec.all<LevelVerdictRow & { reviewId: string }>(
      `SELECT "reviewId", "level", CAST("decision" AS TEXT) AS "decision", "correctedLevel", "reason", CAST("severity" AS TEXT) AS "severity"
       FROM "LevelDecision" WHERE "reviewId" IN (${part.map(() => "?").join(", ")})`,
      part,
    );
    for (const r of rows) {
      const list = out.get(r.reviewId) ?? [];
      list.push({ level: r.level, decision: r.decision, correctedLevel: r.correctedLevel ?? null, reason: r.reason ?? null, severity: r.severity ?? null });
      out.set(r.reviewId, list);
    }
  }
  return out;
}

interface ReviewRow {
  id: string;
  itemId: string;
  reviewerId: string;
  decision: string;
  isAdjudication: unknown;
  reason: string | null;
  severity: string | null;
  timeSpentMs: unknown;
  submittedAt: unknown;
  round: unknown;
  rubric: unknown;
}

export const REVIEW_COLUMNS = `r."id", r."itemId", r."reviewerId", CAST(r."decision" AS TEXT) AS "decision", r."isAdjudication", r."reason", CAST(r."severity" AS TEXT) AS "severity",
  r."timeSpentMs", r."submittedAt", r."round", r."rubric"`;

export function ratingOf(r: ReviewRow, levels: Map<string, LevelVerdictRow[]>): UnitRating {
  return { reviewerId: r.reviewerId, decision: r.decision, levels: levels.get(r.id) ?? [], rubric: json<Record<string, number>>(r.rubric) };
}

export function reviewFacts(r: ReviewRow, item: { batch: string; taskType: string }, levels: Map<string, LevelVerdictRow[]>) {
  return {
    reviewerId: r.reviewerId,
    decision: r.decision,
    isAdjudication: truthy(r.isAdjudication),
    reason: r.reason ?? null,
    severity: r.severity ?? null,
    timeSpentMs: Number(r.timeSpentMs ?? 0),
    day: dayOf(r.submittedAt),
    batch: item.batch,
    taskType: item.taskType,
    levels: levels.get(r.id) ?? [],
  };
}

/** A review or an adjudication was saved (its item already moved on): every counter it changes. */
export async function recordReview(tx: PrismaTx, reviewId: string): Promise<void> {
  const exec = fromPrisma(tx);
  const [review] = await exec.all<ReviewRow>(`SELECT ${REVIEW_COLUMNS} FROM "Review" r WHERE r."id" = ?`, [reviewId]);
  if (!review) return;
  const [item] = await exec.all<{ taskType: string; batch: string; isGold: unknown }>(
    `SELECT CAST("taskType" AS TEXT) AS "taskType", COALESCE("importBatchId", '') AS "batch", "isGold" FROM "Item" WHERE "id" = ?`,
    [review.itemId],
  );
  const ctx = { batch: item.batch, taskType: item.taskType };
  const tally = new Tally();
  const isAdjudication = truthy(review.isAdjudication);
  if (isAdjudication) {
    reviewCounters(reviewFacts(review, ctx, await levelsOfReviews(exec, [review.id])), tally);
  } else {
    // The round's independent reviews: the unit of agreement. Its counters are recounted as "with" minus
    // "without" this review.
    const round = await exec.all<ReviewRow>(
      `SELECT ${REVIEW_COLUMNS} FROM "Review" r WHERE r."itemId" = ? AND r."round" = ? AND r."isAdjudication" = ${bool(exec, false)}`,
      [review.itemId, Number(review.round)],
    );
    const levels = await levelsOfReviews(exec, round.map((r) => r.id));
    reviewCounters(reviewFacts(review, ctx, levels), tally);
    const all = round.map((r) => ratingOf(r, levels));
    const before = round.filter((r) => r.id !== review.id).map((r) => ratingOf(r, levels));
    tally.merge(unitCounters(all, ctx));
    tally.merge(unitCounters(before, ctx), -1);
  }
  await addCounters(exec, tally);
  await recountItemIfChanged(exec, review.itemId, new Date().toISOString());
  if (truthy(item.isGold)) await rescoreGold(exec, [review.itemId]);
}

/** An item changed without a review (sent back, gold expectation set or removed). */
export async function recordItemChange(tx: PrismaTx, itemId: string): Promise<void> {
  const exec = fromPrisma(tx);
  await recountItemIfChanged(exec, itemId, new Date().toISOString());
  await rescoreGold(exec, [itemId]);
}

/**
 * An import batch is being made visible (inside its last transaction, before its stand-ins are removed): its new
 * items, and the existing items its stand-ins changed, are recounted set-based.
 */
export async function recordImport(exec: SqlExec, batchId: string, standInPrefix: string): Promise<void> {
  const L = standInPrefix.length;
  await recountItems(
    exec,
    {
      sql: `SELECT n."id" FROM "Item" n WHERE n."stagedBatchId" = ? AND substr(n."externalId", 1, ${L}) <> ?
            UNION SELECT substr(s."externalId", ${L + 1}) FROM "Item" s WHERE s."stagedBatchId" = ? AND substr(s."externalId", 1, ${L}) = ?`,
      params: [batchId, standInPrefix, batchId, standInPrefix],
    },
    new Date().toISOString(),
  );
}
