import "server-only";
// Limits on repeated failures, kept in the database so every app instance counts against the same bucket.
// Below `limit` failures nothing is delayed. From there on each failure blocks the key for a delay that
// doubles (firstDelay, 2×, 4×… up to maxDelay), so a few wrong guesses by someone else lock an account only
// briefly while a guessing run slows to one try per maxDelay. Counts fade after a quiet window.
import { db } from "@/lib/db/client";

export interface FailurePolicy {
  /** Failures allowed before the first delay. */
  limit: number;
  /** How long a count is kept after the last attempt (and after a block ends). */
  windowMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export interface AttemptResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/** The block after the n-th counted attempt, or 0 below the limit. */
export function delayAfter(n: number, policy: FailurePolicy): number {
  if (n < policy.limit) return 0;
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(n - policy.limit, 40));
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Seconds until `key` may try again, 0 when it may now (counts nothing). */
export async function blockedFor(key: string, now = new Date()): Promise<number> {
  const b = await db().rateLimitBucket.findUnique({ where: { key } });
  return b?.blockedUntil && b.blockedUntil > now ? seconds(b.blockedUntil.getTime() - now.getTime()) : 0;
}

/**
 * Counts one attempt on `key`, assumed to fail: refused (and not counted) while the key is blocked. When this
 * attempt reaches the limit the block for its failure is set now, before the password is even checked, so a
 * burst of parallel guesses cannot all slip through; succeed() lifts it.
 */
export async function attempt(key: string, policy: FailurePolicy, now = new Date()): Promise<AttemptResult> {
  const wait = await blockedFor(key, now);
  if (wait > 0) return { allowed: false, count: (await db().rateLimitBucket.findUnique({ where: { key } }))?.count ?? 0, retryAfterSeconds: wait };
  const resetAt = new Date(now.getTime() + policy.windowMs);
  let bucket = await db().rateLimitBucket.upsert({
    where: { key },
    create: { key, count: 1, resetAt },
    update: { count: { increment: 1 } },
  });
  if (bucket.resetAt.getTime() <= now.getTime()) {
    // A quiet window has passed: start counting again. Compare-and-set on resetAt, so two instances racing
    // restart it once.
    const restarted = await db().rateLimitBucket.updateMany({ where: { key, resetAt: bucket.resetAt }, data: { count: 1, resetAt, blockedUntil: null } });
    bucket = restarted.count === 1 ? { ...bucket, count: 1, resetAt, blockedUntil: null } : ((await db().rateLimitBucket.findUnique({ where: { key } })) ?? bucket);
  }
  if (bucket.count > policy.limit && bucket.blockedUntil && bucket.blockedUntil > now) {
    // Another attempt of the same burst set the block while this one was being counted.
    return { allowed: false, count: bucket.count, retryAfterSeconds: seconds(bucket.blockedUntil.getTime() - now.getTime()) };
  }
  const delay = delayAfter(bucket.count, policy);
  const blockedUntil = delay ? new Date(now.getTime() + delay) : null;
  // The count outlives the block by a window, so waiting out a block does not reset the doubling.
  const keepUntil = new Date(Math.max(resetAt.getTime(), (blockedUntil?.getTime() ?? 0) + policy.windowMs));
  await db().rateLimitBucket.update({ where: { key }, data: { resetAt: keepUntil, ...(blockedUntil ? { blockedUntil } : {}) } });
  return { allowed: true, count: bucket.count, retryAfterSeconds: 0 };
}

/**
 * The attempt counted by attempt() succeeded: it does not count. `forget` drops the key's history entirely
 * (an account that signed in correctly); otherwise only this attempt is taken back (an address shared by
 * colleagues keeps the count of its failures).
 */
export async function succeed(key: string, policy: FailurePolicy, forget: boolean): Promise<void> {
  if (forget) {
    await db().rateLimitBucket.deleteMany({ where: { key } });
    return;
  }
  const b = await db().rateLimitBucket.findUnique({ where: { key } });
  if (!b) return;
  const count = Math.max(0, b.count - 1);
  await db().rateLimitBucket.updateMany({
    where: { key },
    data: { count: { decrement: b.count > 0 ? 1 : 0 }, ...(count < policy.limit ? { blockedUntil: null } : {}) },
  });
}

export async function clear(key: string): Promise<void> {
  await db().rateLimitBucket.deleteMany({ where: { key } });
}
