import "server-only";
// Next item: the reviewer's own queue first (assignments an admin handed out, or a pool item they hold), then the
// shared pool. Claiming a pool slot is a conditional decrement of Item.openSlots inside the transaction that
// creates the assignment, and the assignment is unique per (item, user): so under any number of concurrent
// requests, on SQLite or PostgreSQL, no slot is given twice and nobody gets the same item twice.
import { appendAudit } from "@/lib/audit";
import { db, dbConfig, type Tx } from "@/lib/db/client";
import { type Actor } from "./access";
import { REVIEWABLE_STATUSES, workLeaseUntil } from "./lifecycle";
import { QUEUE_ORDER } from "./queue";
import { releaseExpiredWorkLeases } from "./release";
import { iso } from "./views";

export type NextItemResult =
  | { itemId: string; assignmentId: string; workLeaseExpiresAt: string; source: "queue" | "pool" }
  | { itemId: null; message: string };

export const NOTHING_TO_REVIEW = "Nothing to review: every item that needs a review has all its reviewers, or you have already reviewed it.";

const SWEEP_INTERVAL_MS = 5_000;
let lastSweep = Number.NEGATIVE_INFINITY;

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}

/** Which part of the pool to pull from: a campaign can be one import batch. */
export interface PoolFilter {
  batchId?: string;
}

/** The WHERE clause of "an item that still needs a reviewer and that this user never held", with its parameters. */
function poolCondition(userId: string, filter: PoolFilter, sqlite: boolean, params: unknown[]): string {
  const p = (v: unknown) => {
    params.push(v);
    return sqlite ? "?" : `$${params.length}`;
  };
  const statuses = REVIEWABLE_STATUSES.map((s) => `'${s}'`).join(", ");
  return `i."openSlots" > 0 AND i."stagedBatchId" IS NULL AND i."status" IN (${statuses})${filter.batchId ? ` AND i."importBatchId" = ${p(filter.batchId)}` : ""}
      AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."itemId" = i."id" AND a."userId" = ${p(userId)} AND a."kind" = 'review')`;
}

// SQLite is told to read the pool through the (openSlots, id) index: left to itself it takes the stagedBatchId or
// status index, which nearly every item matches, and sorts them all (over a second a call at 450,000 items instead
// of a fraction of a millisecond). PostgreSQL plans it well by itself.
const POOL_INDEX = ` INDEXED BY "Item_openSlots_id_idx"`;

/**
 * Takes one review slot in a single conditional UPDATE: the item that finishes soonest (fewest open slots), then the
 * oldest. On PostgreSQL, rows another claim has locked are skipped (FOR UPDATE SKIP LOCKED), so concurrent reviewers
 * take different items instead of queueing on the same row; the decrement still requires a free slot.
 */
async function claimSlot(tx: Tx, userId: string, filter: PoolFilter, now: Date): Promise<{ id: string; round: number } | null> {
  const sqlite = dbConfig().provider === "sqlite";
  const params: unknown[] = [];
  const at = (v: unknown) => {
    params.push(v);
    return sqlite ? "?" : `$${params.length}`;
  };
  // Prisma's own format for a DateTime on each database (the column is kept as @updatedAt would).
  const updatedAt = at(sqlite ? now.toISOString().replace("Z", "+00:00") : now);
  const where = poolCondition(userId, filter, sqlite, params);
  const sql = `UPDATE "Item" SET "openSlots" = "openSlots" - 1, "updatedAt" = ${updatedAt}${sqlite ? "" : "::timestamp"}
    WHERE "id" = (SELECT i."id" FROM "Item" i${sqlite ? POOL_INDEX : ""} WHERE ${where} ORDER BY i."openSlots", i."id" LIMIT 1${sqlite ? "" : " FOR UPDATE SKIP LOCKED"})
      AND "openSlots" > 0
    RETURNING "id", "round"`;
  const rows = await tx.$queryRawUnsafe<{ id: string; round: number | bigint }[]>(sql, ...params);
  return rows[0] ? { id: rows[0].id, round: Number(rows[0].round) } : null;
}

/** Whether any slot is free for this user at all (to tell "nothing left" from "all taken this very moment"). */
async function anyFreeSlot(userId: string, filter: PoolFilter): Promise<boolean> {
  const sqlite = dbConfig().provider === "sqlite";
  const params: unknown[] = [];
  const where = poolCondition(userId, filter, sqlite, params);
  const rows = await db().$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "Item" i${sqlite ? POOL_INDEX : ""} WHERE ${where} LIMIT 1`, ...params);
  return rows.length > 0;
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
    let claimed: { id: string; round: number; assignmentId: string } | null = null;
    try {
      claimed = await client.$transaction(async (tx) => {
        const slot = await claimSlot(tx, user.id, filter, now);
        if (!slot) return null;
        const a = await tx.assignment.create({
          data: { itemId: slot.id, userId: user.id, kind: "review", origin: "pool", round: slot.round, position: 0, dueAt: lease, workLeaseExpiresAt: lease },
          select: { id: true },
        });
        await appendAudit(tx, { actorId: user.id, action: "assignment.pull", targetType: "item", targetId: slot.id, after: { assignmentId: a.id, userId: user.id, workLeaseExpiresAt: iso(lease) } });
        return { ...slot, assignmentId: a.id };
      });
    } catch (e) {
      // The same user asking twice at once: the second claim collides on (item, user) and is rolled back whole.
      if (!isUniqueViolation(e)) throw e;
      continue;
    }
    if (claimed) return { itemId: claimed.id, assignmentId: claimed.assignmentId, workLeaseExpiresAt: iso(lease), source: "pool" };
    // No row came back: nothing is left, or (PostgreSQL) every free row was being claimed by someone else just now.
    if (!(await anyFreeSlot(user.id, filter))) return { itemId: null, message: NOTHING_TO_REVIEW };
  }
  return { itemId: null, message: "Every item offered was just taken by another reviewer. Try Next item again." };
}
