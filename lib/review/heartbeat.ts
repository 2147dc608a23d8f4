import "server-only";
// The workspace's heartbeat renews the working lease while the item is open. When the lease ran out and the slot
// went to someone else, the answer says who holds the item now and until when (409), so the reviewer knows
// their save would be refused and their text stays a local draft.
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { findReviewAssignment, NO_SUCH_ITEM, seesAllReviews, type Actor } from "./access";
import { workLeaseUntil } from "./lifecycle";
import { iso } from "./views";

export interface HeartbeatResult {
  workLeaseExpiresAt: string | null;
}

export async function heartbeat(itemId: string, user: Actor, now = new Date()): Promise<HeartbeatResult> {
  const client = db();
  const own = await findReviewAssignment(client, itemId, user.id);
  if (!own) {
    if (seesAllReviews(user) && (await client.item.count({ where: { id: itemId, stagedBatchId: null } }))) return { workLeaseExpiresAt: null };
    throw new NotFoundError(NO_SUCH_ITEM);
  }
  if (own.status === "done") return { workLeaseExpiresAt: null };
  if (own.status === "assigned") {
    const until = workLeaseUntil(now);
    const data = own.origin === "pool" ? { workLeaseExpiresAt: until, dueAt: until } : { workLeaseExpiresAt: until };
    // In a transaction of its own: on SQLite a write outside one shares the single connection with whatever
    // transaction is open, and would be undone with it.
    const renewed = await client.$transaction((tx) => tx.assignment.updateMany({ where: { id: own.id, status: "assigned" }, data }));
    if (renewed.count === 1) return { workLeaseExpiresAt: iso(until) };
  }
  // Released: the lease ran out (or was given back) and the slot may now be someone else's.
  const holder = await client.assignment.findFirst({
    where: { itemId, kind: "review", status: "assigned", userId: { not: user.id }, workLeaseExpiresAt: { gt: now } },
    orderBy: { workLeaseExpiresAt: "desc" },
    select: { workLeaseExpiresAt: true, user: { select: { name: true } } },
  });
  if (holder?.workLeaseExpiresAt) {
    throw new ConflictError(`${holder.user.name} now holds this item until ${iso(holder.workLeaseExpiresAt).slice(11, 16)} UTC. Your work is kept as a draft on this device.`, {
      holder: { name: holder.user.name },
      until: iso(holder.workLeaseExpiresAt),
    });
  }
  throw new ConflictError("Your hold on this item ran out and it went back to the pool. Your work is kept as a draft on this device; reopen the item to take it again.", {
    holder: null,
    until: null,
  });
}
