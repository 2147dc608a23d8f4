// The audit chain's hash: sha256 over a canonical JSON form (sorted keys) of the event and the previous hash.
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/json/canonical";

export const GENESIS_HASH = "0".repeat(64);

// One key for the chain: writers on PostgreSQL take turns appending (pg_advisory_xact_lock, released at commit).
export const PG_AUDIT_LOCK = 515_151;

export interface HashedFields {
  prevHash: string;
  at: Date;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
}

export function eventHash(e: HashedFields): string {
  return createHash("sha256")
    .update(
      canonicalJson({
        prevHash: e.prevHash,
        at: e.at.toISOString(),
        actorId: e.actorId,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        before: e.before ?? null,
        after: e.after ?? null,
      }),
    )
    .digest("hex");
}
