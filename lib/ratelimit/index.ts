import "server-only";
// Fixed-window rate limits kept in the database, so every app instance counts against the same window.
import { db } from "@/lib/db/client";

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/** Counts one hit on `key`; refuses once more than `limit` hits fall in the current window. */
export async function hit(key: string, limit: number, windowMs: number, now = new Date()): Promise<RateLimitResult> {
  const resetAt = new Date(now.getTime() + windowMs);
  // The increment is one atomic statement; an expired window is restarted with a compare-and-set on resetAt,
  // so two instances racing restart it once.
  let bucket = await db().rateLimitBucket.upsert({
    where: { key },
    create: { key, count: 1, resetAt },
    update: { count: { increment: 1 } },
  });
  if (bucket.resetAt.getTime() <= now.getTime()) {
    const restarted = await db().rateLimitBucket.updateMany({
      where: { key, resetAt: bucket.resetAt },
      data: { count: 1, resetAt },
    });
    bucket = restarted.count === 1 ? { ...bucket, count: 1, resetAt } : ((await db().rateLimitBucket.findUnique({ where: { key } })) ?? bucket);
  }
  const retryAfterSeconds = Math.max(1, Math.ceil((bucket.resetAt.getTime() - now.getTime()) / 1000));
  return { allowed: bucket.count <= limit, count: bucket.count, retryAfterSeconds };
}

export async function clear(key: string): Promise<void> {
  await db().rateLimitBucket.deleteMany({ where: { key } });
}
