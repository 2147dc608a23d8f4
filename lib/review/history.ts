import "server-only";
// The audit events of one item, as its History tab shows them.
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { assertCanView, NO_SUCH_ITEM, seesAllReviews, type Actor } from "./access";
import { iso } from "./views";

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
  if (!item) throw new NotFoundError(NO_SUCH_ITEM);
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
