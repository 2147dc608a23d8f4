import "server-only";
// An item's audit history for its page: the events that name the item, newest first, with who did it.
import { db } from "@/lib/db/client";

export interface AuditRow {
  seq: number;
  at: string;
  action: string;
  actorName: string | null;
  before: unknown;
  after: unknown;
}

export async function itemAuditHistory(itemId: string, take = 200): Promise<{ rows: AuditRow[]; more: boolean }> {
  const events = await db().auditEvent.findMany({
    where: { targetType: "item", targetId: itemId },
    orderBy: { seq: "desc" },
    take: take + 1,
    select: { seq: true, at: true, action: true, before: true, after: true, actor: { select: { name: true } } },
  });
  return {
    rows: events.slice(0, take).map((e) => ({ seq: e.seq, at: e.at.toISOString(), action: e.action, actorName: e.actor?.name ?? null, before: e.before, after: e.after })),
    more: events.length > take,
  };
}
