import "server-only";
// Next item: the reviewer's own queue first (assignments an admin handed out, or a pool item they hold), then the
// shared pool. Claiming a pool slot is a conditional decrement of Item.openSlots inside the transaction that
// creates the assignment, and the assignment is unique per (item, user): so under any number of concurrent
// requests, on SQLite or PostgreSQL, no slot is given twice and nobody gets the same item twice.
import { appendAudit } from "@/lib/audit";
import { db, dbConfig } from "@/lib/db/client";
import { type Actor } from "./access";
import { REVIEWABLE_STATUSES, workLeaseUntil } from "./lifecycle";
import { QUEUE_ORDER } from "./queue";
import { releaseExpiredWorkLeases } from "./release";
import { iso } from "./views";

export type NextItemResult =
  | { itemId: string; assignmentId: string; workLeaseExpiresAt: string; source: "queue" | "pool" }
  | { itemId: null; message: string };

export const NOTHING_TO_REVIEW = "Nothing to review: every item that needs a review has all its reviewers, or you have already reviewed it.";

const CANDIDATES = 16;
const SWEEP_INTERVAL_MS = 5_000;
let lastSweep = Number.NEGATIVE_INFINITY;

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}

function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Which part of the pool to pull from: a campaign can be one import batch. */
export interface PoolFilter {
  batchId?: string;
}

/**
 * Items that still need a reviewer and that this user never held, fewest open slots first, then oldest. Written
 * out in SQL so SQLite can be told to read it through the (openSlots, id) index: left to itself it takes the
 * stagedBatchId or status index, which nearly every item matches, and sorts them all (over a second a call at
 * 450,000 items instead of a fraction of a millisecond). PostgreSQL plans it well by itself.
 */
async function poolCandidates(userId: string, filter: PoolFilter): Promise<{ id: string; round: number }[]> {
  const sqlite = dbConfig().provider === "sqlite";
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return sqlite ? "?" : `$${params.length}`;
  };
  const statuses = REVIEWABLE_STATUSES.map((s) => `'${s}'`).join(", ");
  const sql = `SELECT i."id", i."round" FROM "Item" i${sqlite ? ` INDEXED BY "Item_openSlots_id_idx"` : ""}
    WHERE i."openSlots" > 0 AND i."stagedBatchId" IS NULL AND i."status" IN (${statuses})${filter.batchId ? ` AND i."importBatchId" = ${p(filter.batchId)}` : ""}
      AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."itemId" = i."id" AND a."userId" = ${p(userId)} AND a."kind" = 'review')
    ORDER BY i."openSlots", i."id" LIMIT ${CANDIDATES}`;
  const rows = await db().$queryRawUnsafe<{ id: string; round: number | bigint }[]>(sql, ...params);
  return rows.map((r) => ({ id: r.id, round: Number(r.round) }));
}

export async function nextItem(user: Actor, filter: PoolFilter = {}, now = new Date()): Promise<NextItemResult> {
  const client = db();
  const reviewable = { stagedBatchId: null, status: { in: [...REVIEWABLE_STATUSES] }, ...(filter.batchId ? { importBatchId: filter.batchId } : {}) };
  const lease = workLeaseUntil(now);

  const own = await client.assignment.findFirst({
    where: { userId: user.id, kind: "review", status: "assigned", item: reviewable },
    orderBy: [...QUEUE_ORDER],
    select: { id: true, itemId: true, origin: true },
  });
  if (own) {
    const data = own.origin === "pool" ? { workLeaseExpiresAt: lease, dueAt: lease } : { workLeaseExpiresAt: lease };
    // A transaction of its own (see heartbeat): never a plain write beside another request's transaction.
    await client.$transaction((tx) => tx.assignment.updateMany({ where: { id: own.id, status: "assigned" }, data }));
    return { itemId: own.itemId, assignmentId: own.id, workLeaseExpiresAt: iso(lease), source: "queue" };
  }

  // The sweep of expired leases is a clean-up, not part of the claim: once every few seconds per instance is enough.
  if (now.getTime() - lastSweep >= SWEEP_INTERVAL_MS || now.getTime() < lastSweep) {
    lastSweep = now.getTime();
    await releaseExpiredWorkLeases(now, 50);
  }

  for (let attempt = 0; attempt < 3; attempt++) {
    // Items that finish soonest first (fewest open slots), then oldest; never one this user holds or held.
    const candidates = await poolCandidates(user.id, filter);
    if (candidates.length === 0) return { itemId: null, message: NOTHING_TO_REVIEW };
    // Concurrent reviewers see the same candidates: trying them in a random order spreads the claims.
    for (const c of shuffle(candidates)) {
      let claimed: { id: string } | null = null;
      try {
        claimed = await client.$transaction(async (tx) => {
          const slot = await tx.item.updateMany({
            where: { id: c.id, round: c.round, openSlots: { gt: 0 }, status: { in: [...REVIEWABLE_STATUSES] } },
            data: { openSlots: { decrement: 1 } },
          });
          if (slot.count !== 1) return null;
          const a = await tx.assignment.create({
            data: { itemId: c.id, userId: user.id, kind: "review", origin: "pool", round: c.round, position: 0, dueAt: lease, workLeaseExpiresAt: lease },
            select: { id: true },
          });
          await appendAudit(tx, { actorId: user.id, action: "assignment.pull", targetType: "item", targetId: c.id, after: { assignmentId: a.id, userId: user.id, workLeaseExpiresAt: iso(lease) } });
          return a;
        });
      } catch (e) {
        // The same user asking twice at once: the second claim collides on (item, user) and is rolled back whole.
        if (!isUniqueViolation(e)) throw e;
      }
      if (claimed) return { itemId: c.id, assignmentId: claimed.id, workLeaseExpiresAt: iso(lease), source: "pool" };
    }
  }
  return { itemId: null, message: "Every item offered was just taken by another reviewer. Try Next item again." };
}
