// The reviewer's unsaved work on one item: what the local draft stores and the submit turns into a request.
import type { SectionEdits } from "@/lib/items/content-edit";

export type Decision = "accept" | "edit" | "reject";

export interface LevelDraft {
  decision: Decision | null;
  correctedLevel?: string;
  reason?: string;
  severity?: string;
  comment?: string;
}

export interface ReviewDraft {
  edits: SectionEdits;
  levels: Record<string, LevelDraft>;
  rubric: Record<string, number>;
  reason?: string;
  severity?: string;
  comment?: string;
}

export const emptyDraft = (levels: string[]): ReviewDraft => ({
  edits: {},
  levels: Object.fromEntries(levels.map((l) => [l, { decision: null }])),
  rubric: {},
});

/** The item decision the draft implies: any text edit or level correction makes an accept an "edit". */
export function impliedDecision(d: ReviewDraft, hasTextEdits: boolean): Decision {
  const levels = Object.values(d.levels);
  if (levels.some((l) => l.decision === "reject") && levels.every((l) => l.decision === "reject")) return "reject";
  if (hasTextEdits || levels.some((l) => l.decision === "edit" || l.correctedLevel)) return "edit";
  return "accept";
}
