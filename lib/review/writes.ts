import "server-only";
// Pieces a review and an adjudication write the same way: a text checked against its task type's schema, the
// next version number of an item, and the rows of the per-level decisions.
import type { Tx } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { parseContent, type TaskType } from "@/lib/items/content";
import { contentHash } from "@/lib/items/hash";

/** A text sent for an item, valid for its task type, with its hash; a ValidationError names each bad field under `field`. */
export function parseSentText(taskType: TaskType, raw: unknown, field: string, label: string): { content: unknown; hash: string } {
  const parsed = parseContent(taskType, raw);
  if (!parsed.ok) {
    const issues = parsed.errors.map((e) => ({ path: e.path ? `${field}.${e.path}` : field, message: e.message }));
    throw new ValidationError(`${label} is not valid: ${issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join("; ")}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ""}.`, { issues });
  }
  return { content: parsed.content, hash: contentHash(parsed.content) };
}

/** The number the item's next version gets (versions are numbered 1, 2, 3 … per item). */
export async function nextVersionNumber(tx: Tx, itemId: string): Promise<number> {
  const last = await tx.itemVersion.findFirst({ where: { itemId }, orderBy: { number: "desc" }, select: { number: true } });
  return (last?.number ?? 0) + 1;
}

interface LevelDecisionInput {
  level: string;
  decision: "accept" | "edit" | "reject";
  correctedLevel?: string | null;
  reason?: string | null;
  severity?: "minor" | "major" | "clinically_dangerous" | null;
  comment?: string | null;
}

/** The LevelDecision rows of a review, unset fields as null. */
export function levelDecisionRows(levels: LevelDecisionInput[]) {
  return levels.map((l) => ({
    level: l.level,
    decision: l.decision,
    correctedLevel: l.correctedLevel ?? null,
    reason: l.reason ?? null,
    severity: l.severity ?? null,
    comment: l.comment ?? null,
  }));
}
