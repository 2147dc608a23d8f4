// The Review tab: the item's levels, each decided on its own; its text, read or edited; and for a report the
// rubric. Pure presentation: every change goes back to the draft through the callbacks.
import { hintLine, keysFor } from "@/lib/shortcuts/table";
import { ContentPanel } from "./ContentPanel";
import type { LevelDraft, ReviewDraft } from "./draft";
import { LevelPanel } from "./LevelPanel";
import { RubricForm } from "./RubricForm";
import { LEVELS, WORKSPACE_SHORTCUTS } from "./shortcuts";
import type { WorkspaceItem } from "./types";

const LEVEL_HINTS = hintLine(WORKSPACE_SHORTCUTS, [LEVELS]);
const EDIT_KEY = keysFor(WORKSPACE_SHORTCUTS, "text.edit");

interface Props {
  item: WorkspaceItem;
  draft: ReviewDraft;
  selected: string | null;
  correcting: string | null;
  editing: boolean;
  onSelect: (level: string) => void;
  onSetLevel: (level: string, patch: Partial<LevelDraft> | null) => void;
  onRejectLevel: (level: string) => void;
  onStartCorrect: (level: string | null) => void;
  onToggleEditing: () => void;
  onEdit: (key: string, text: string) => void;
  onRubric: (dimension: string, score: number) => void;
}

export const ACCEPT_LEVEL: Partial<LevelDraft> = { decision: "accept", correctedLevel: undefined, reason: undefined, severity: undefined };

export function ReviewTab(p: Props) {
  return (
    <>
      <section>
        <div className="mb-1 flex items-center justify-between">
          <h2 className="text-sm font-semibold">Levels</h2>
          <span className="text-xs text-slate-500" data-testid="level-hints">{LEVEL_HINTS.map((h) => `${h.keys} ${h.hint}`).join(" · ")}</span>
        </div>
        <LevelPanel
          levels={p.item.levels}
          decisions={p.draft.levels}
          selected={p.selected}
          correcting={p.correcting}
          onSelect={p.onSelect}
          onAccept={(l) => p.onSetLevel(l, ACCEPT_LEVEL)}
          onReject={p.onRejectLevel}
          onStartCorrect={p.onStartCorrect}
          onCorrect={(l, to) => {
            p.onSetLevel(l, { decision: "edit", correctedLevel: to, reason: "wrong_level" });
            p.onStartCorrect(null);
            p.onSelect(to);
          }}
          onUndo={(l) => p.onSetLevel(l, null)}
        />
      </section>
      <section>
        <div className="mb-1 flex items-center justify-between">
          <h2 className="text-sm font-semibold">Text <span className="font-normal text-slate-500">· version {p.item.current.number} ({p.item.current.kind})</span></h2>
          <button type="button" onClick={p.onToggleEditing} className="rounded border border-slate-300 px-2 py-0.5 text-xs">{p.editing ? "Done editing" : `Edit text (${EDIT_KEY})`}</button>
        </div>
        <ContentPanel taskType={p.item.taskType} content={p.item.current.content as never} editing={p.editing} edits={p.draft.edits} onEdit={p.onEdit} />
      </section>
      {p.item.taskType === "report" && <RubricForm scores={p.draft.rubric} onChange={p.onRubric} />}
    </>
  );
}
