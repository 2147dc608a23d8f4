import "server-only";
// Marking an item gold: the expected outcome an admin sets, against which reviewers' decisions are scored. Nothing
// a reviewer sees changes (Item.isGold is never sent to them), so a gold item is reviewed like any other.
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { appendAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Actor } from "@/lib/review/access";
import { goldSchema, type GoldInput, type GoldValue } from "./schemas";
import { recordItemChange } from "@/lib/dashboard/record";

export interface GoldView {
  itemId: string;
  decision: "accept" | "edit" | "reject";
  levels: Record<string, { decision: "accept" | "edit" | "reject"; correctedLevel: string | null }>;
  note: string | null;
  createdById: string | null;
  updatedAt: string;
}

function assertAdmin(user: Actor) {
  if (user.role !== "admin") throw new ForbiddenError("Only admins set gold standards.");
}

function parseGold(raw: unknown): GoldValue {
  const parsed = goldSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  throw new ValidationError(issues[0]?.message ?? "The gold standard is not valid.", { issues });
}

function goldView(g: { itemId: string; decision: GoldView["decision"]; levels: unknown; note: string | null; createdById: string | null; updatedAt: Date }): GoldView {
  return { itemId: g.itemId, decision: g.decision, levels: g.levels as GoldView["levels"], note: g.note, createdById: g.createdById, updatedAt: g.updatedAt.toISOString() };
}

export async function getGold(itemId: string, user: Actor): Promise<GoldView | null> {
  assertAdmin(user);
  const g = await db().goldStandard.findUnique({ where: { itemId } });
  return g ? goldView(g) : null;
}

/** Sets (or replaces) the item's expected outcome and marks it gold. Every expected level must be one of the item's. */
export async function setGold(itemId: string, raw: GoldInput | GoldValue, user: Actor): Promise<GoldView> {
  assertAdmin(user);
  const input = parseGold(raw);
  return db().$transaction((tx) => setGoldInTx(tx, itemId, input, user));
}

/** Sets the expected outcome inside the caller's transaction (a bulk "mark gold" sets many in one). */
export async function setGoldInTx(tx: Tx, itemId: string, input: GoldValue, user: Actor): Promise<GoldView> {
  assertAdmin(user);
  {
    const touched = await tx.item.updateMany({ where: { id: itemId, stagedBatchId: null }, data: { isGold: true } });
    if (touched.count === 0) throw new NotFoundError("No such item.");
    const levels = await tx.itemLevel.findMany({ where: { itemId }, select: { level: true } });
    const names = new Set(levels.map((l) => l.level));
    const unknown = Object.keys(input.levels).filter((l) => !names.has(l));
    if (unknown.length) throw new ValidationError(`${unknown.join(", ")} ${unknown.length === 1 ? "is not a level" : "are not levels"} of this item (its levels: ${[...names].join(", ") || "none"}).`);
    const previous = await tx.goldStandard.findUnique({ where: { itemId } });
    const data = { decision: input.decision, levels: input.levels as Prisma.InputJsonValue, note: input.note };
    const saved = await tx.goldStandard.upsert({ where: { itemId }, create: { itemId, ...data, createdById: user.id }, update: data });
    await appendAudit(tx, {
      actorId: user.id,
      action: "item.gold",
      targetType: "item",
      targetId: itemId,
      before: previous ? { decision: previous.decision, levels: previous.levels, note: previous.note } : { isGold: false },
      after: { isGold: true, decision: saved.decision, levels: saved.levels, note: saved.note },
    });
    await recordItemChange(tx, itemId);
    return goldView(saved);
  }
}

/** Unmarks a gold item: its expected outcome is removed (the audit trail keeps it). */
export async function unsetGold(itemId: string, user: Actor): Promise<{ itemId: string; isGold: false }> {
  assertAdmin(user);
  return db().$transaction((tx) => unsetGoldInTx(tx, itemId, user));
}

/** Unmarks a gold item inside the caller's transaction. */
export async function unsetGoldInTx(tx: Tx, itemId: string, user: Actor): Promise<{ itemId: string; isGold: false }> {
  assertAdmin(user);
  {
    const touched = await tx.item.updateMany({ where: { id: itemId, stagedBatchId: null }, data: { isGold: false } });
    if (touched.count === 0) throw new NotFoundError("No such item.");
    const previous = await tx.goldStandard.findUnique({ where: { itemId } });
    if (previous) await tx.goldStandard.delete({ where: { itemId } });
    await appendAudit(tx, {
      actorId: user.id,
      action: "item.gold_removed",
      targetType: "item",
      targetId: itemId,
      before: previous ? { isGold: true, decision: previous.decision, levels: previous.levels, note: previous.note } : { isGold: false },
      after: { isGold: false },
    });
    await recordItemChange(tx, itemId);
    return { itemId, isGold: false as const };
  }
}
