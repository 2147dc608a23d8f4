"use client";
// Saving a review: the plan (review-request.ts) says what is sent or what is still missing; this hook sends it and
// sorts the answer into saved, refused because the item changed or was already reviewed (the conflict view), or
// refused with a message. The draft is cleared only once the server has the review.
import { useCallback, useState } from "react";
import type { SectionEdits } from "@/lib/items/content-edit";
import type { Decision, ReviewDraft } from "./draft";
import type { ReasonChoice } from "./ReasonPicker";
import { planReview } from "./review-request";
import type { WorkspaceItem, WorkspaceVersion } from "./types";

export interface Conflict {
  message: string;
  current?: WorkspaceVersion;
  alreadyReviewed?: boolean;
}

interface Options {
  item: WorkspaceItem;
  draft: ReviewDraft;
  edits: SectionEdits;
  /** False while another reviewer holds the item: nothing is sent. */
  canSave: boolean;
  time: { startedAt: string; timeSpentMs: () => number };
  /** An edit or a rejection without a reason yet: open the reason picker. */
  onNeedReason: (decision: "edit" | "reject") => void;
  onNeedRubric: () => void;
  onSaved: () => void;
}

export function useSubmitReview({ item, draft, edits, canSave, time, onNeedReason, onNeedRubric, onSaved }: Options) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const submit = useCallback(
    async (explicit: Decision | null, choice?: ReasonChoice) => {
      if (!canSave) return;
      setError(null);
      const plan = planReview({ item, draft, edits, explicit, choice, timeSpentMs: time.timeSpentMs(), startedAt: time.startedAt });
      if (plan.kind === "needReason") return onNeedReason(plan.decision);
      if (plan.kind === "needRubric") {
        onNeedRubric();
        setError(plan.message);
        return;
      }
      setSaving(true);
      try {
        const res = await fetch(`/api/review/items/${item.id}/reviews`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(plan.body) });
        const data = await res.json().catch(() => ({}));
        if (res.status === 409) {
          setConflict({ message: data.error ?? "This item changed.", current: data.details?.current, alreadyReviewed: Boolean(data.details?.existingReview) });
          return;
        }
        if (!res.ok) {
          const issues = (data.issues as { path: string; message: string }[] | undefined)?.map((i) => `${i.path}: ${i.message}`).join("; ");
          setError(issues || data.error || `Saving failed (${res.status}). Your work is kept on this computer.`);
          return;
        }
        onSaved();
      } catch {
        setError("Cannot reach the server. Your work is kept on this computer; try again.");
      } finally {
        setSaving(false);
      }
    },
    [canSave, item, draft, edits, time, onNeedReason, onNeedRubric, onSaved],
  );

  return { submit, saving, error, conflict };
}
