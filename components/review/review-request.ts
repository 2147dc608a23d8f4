// What a save sends, worked out from the draft before any request: either the request body, or what is still
// missing (a reason and severity for an edit or a rejection, the rubric of a report). Pure, so the rules of
// "what does Enter save" are unit-tested rather than buried in a click handler.
import { applySectionEdits, type SectionEdits } from "@/lib/items/content-edit";
import { RUBRIC_SECTIONS } from "@/lib/review/rubric";
import { impliedDecision, type Decision, type ReviewDraft } from "./draft";
import type { ReasonChoice } from "./ReasonPicker";
import type { WorkspaceItem } from "./types";

export type ReviewPlan =
  | { kind: "needReason"; decision: "edit" | "reject" }
  | { kind: "needRubric"; message: string }
  | { kind: "ready"; body: Record<string, unknown> };

export interface PlanInput {
  item: Pick<WorkspaceItem, "taskType" | "current" | "levels">;
  draft: ReviewDraft;
  /** The effective text edits (edits typed back to the original removed). */
  edits: SectionEdits;
  /** "reject" from the Reject button or Shift+X; null lets the draft decide (accept or edit). */
  explicit: Decision | null;
  /** Reason, severity and comment just picked in the reason picker. */
  choice?: ReasonChoice;
  timeSpentMs: number;
  startedAt: string;
}

export function planReview({ item, draft, edits, explicit, choice, timeSpentMs, startedAt }: PlanInput): ReviewPlan {
  const hasTextEdits = Object.keys(edits).length > 0;
  const decision: Decision = explicit === "reject" ? "reject" : impliedDecision(draft, hasTextEdits);
  const reason = choice?.reason ?? draft.reason;
  const severity = choice?.severity ?? draft.severity;
  if ((decision === "reject" || decision === "edit") && (!reason || !severity)) return { kind: "needReason", decision };
  if (item.taskType === "report") {
    const missing = RUBRIC_SECTIONS.flatMap((s) => s.dimensions).filter((d) => !draft.rubric[d.id]);
    if (missing.length) return { kind: "needRubric", message: `Score the report rubric first: ${missing.map((d) => d.label).join(", ")}.` };
  }
  return {
    kind: "ready",
    body: {
      baseVersionId: item.current.id,
      decision,
      reason: decision === "accept" ? undefined : reason,
      severity: decision === "accept" ? undefined : severity,
      comment: choice?.comment || draft.comment || undefined,
      levels: item.levels.map(({ level }) => {
        const l = draft.levels[level] ?? { decision: null };
        return { level, decision: l.decision ?? "accept", correctedLevel: l.correctedLevel, reason: l.reason, severity: l.severity, comment: l.comment };
      }),
      editedContent: hasTextEdits ? applySectionEdits(item.taskType, item.current.content as never, edits) : undefined,
      rubric: item.taskType === "report" ? draft.rubric : undefined,
      timeSpentMs,
      startedAt,
    },
  };
}
