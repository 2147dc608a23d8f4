// Reviewer ids in an export are pseudonyms: an HMAC-SHA256 of the user id under a salt of the snapshot, so one
// reviewer has one pseudonym throughout a snapshot (agreement can be studied) but different ones in snapshots of
// different definitions (rows of two snapshots cannot be joined on a reviewer). The salt derives from a server
// secret and the snapshot's definition, so re-running the same definition reproduces the same bytes.
import { createHmac } from "node:crypto";
import { canonicalJson } from "@/lib/json/canonical";

export function snapshotSalt(serverSecret: string, definition: unknown): string {
  if (serverSecret.length < 16) throw new RangeError("the export secret must be at least 16 characters");
  return createHmac("sha256", serverSecret).update(`snapshot-salt\u0000${canonicalJson(definition)}`).digest("hex");
}

export function pseudonym(salt: string, userId: string): string {
  return `reviewer-${createHmac("sha256", salt).update(userId).digest("hex").slice(0, 16)}`;
}
