import "server-only";
// An item's whole record for the admin's item page: status, every version, every review of every round (admins and
// adjudicators see every reviewer), the changes of its levels, and, for admins, its gold standard.
import type { ItemStatus, TaskType } from "@/lib/db/generated/sqlite/enums";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { getGold, type GoldView } from "@/lib/gold/mark";
import { compareLevels } from "@/lib/levels";
import type { Actor } from "@/lib/review/access";
import { assertAdjudicator } from "./get-item";
import { reviewFields, reviewView, versionFields, versionView, type AdjudicationVersion, type LevelRow, type NamedReview } from "./views";

export interface ItemRecord {
  id: string;
  externalId: string;
  taskType: TaskType;
  status: ItemStatus;
  round: number;
  requiredReviews: number;
  openSlots: number;
  finalDecision: "accept" | "edit" | "reject" | null;
  sendBackNote: string | null;
  currentVersionId: string | null;
  levels: LevelRow[];
  versions: AdjudicationVersion[];
  /** Newest round first, in the order submitted within a round. */
  reviews: NamedReview[];
  /** The level changes (audit item.levels), oldest first. */
  levelChanges: { at: string; actorName: string | null; before: string[]; after: string[] }[];
  /** Admins only; null for an adjudicator or an item that is not gold. */
  gold: GoldView | null;
  isGold: boolean;
}

export async function getItemRecord(itemId: string, user: Actor): Promise<ItemRecord> {
  assertAdjudicator(user);
  const item = await db().item.findFirst({ where: { id: itemId, stagedBatchId: null }, include: { levels: { select: { level: true, kind: true, rank: true, note: true } } } });
  if (!item) throw new NotFoundError("No such item.");
  const [versions, reviews, changes, gold] = await Promise.all([
    db().itemVersion.findMany({ where: { itemId, stagedBatchId: null }, select: versionFields, orderBy: { number: "asc" } }),
    db().review.findMany({ where: { itemId }, select: reviewFields, orderBy: [{ round: "desc" }, { submittedAt: "asc" }] }),
    db().auditEvent.findMany({ where: { targetType: "item", targetId: itemId, action: "item.levels" }, orderBy: { seq: "asc" }, select: { at: true, before: true, after: true, actor: { select: { name: true } } } }),
    user.role === "admin" ? getGold(itemId, user) : Promise.resolve(null),
  ]);
  const names = (v: unknown) => ((v as { levels?: { level: string }[] } | null)?.levels ?? []).map((l) => l.level);
  return {
    id: item.id,
    externalId: item.externalId,
    taskType: item.taskType,
    status: item.status,
    round: item.round,
    requiredReviews: item.requiredReviews,
    openSlots: item.openSlots,
    finalDecision: item.finalDecision,
    sendBackNote: item.sendBackNote,
    currentVersionId: item.currentVersionId,
    levels: [...item.levels].sort((a, b) => a.rank - b.rank || compareLevels(a.level, b.level)),
    versions: versions.map(versionView),
    reviews: reviews.map(reviewView),
    levelChanges: changes.map((c) => ({ at: c.at.toISOString(), actorName: c.actor?.name ?? null, before: names(c.before), after: names(c.after) })),
    gold,
    isGold: user.role === "admin" ? item.isGold : false,
  };
}
