// Shown instead of the workspace when a save was refused because the item changed under the reviewer (someone
// saved a newer version) or they had already reviewed it: their version beside the reviewer's own kept text, and
// the ways on. Nothing of either side is overwritten.
import { contentText } from "@/lib/items/content-text";
import { ReviewText } from "./ReviewText";
import type { WorkspaceItem } from "./types";
import type { Conflict } from "./useSubmitReview";

interface Props {
  conflict: Conflict;
  myEdits: Record<string, string>;
  item: WorkspaceItem;
  onDiscard: () => void;
  onReload: () => void;
  onNext: () => void;
}

export function ConflictView({ conflict, myEdits, item, onDiscard, onReload, onNext }: Props) {
  const theirs = conflict.current ? contentText(item.taskType, conflict.current.content as never) : [];
  return (
    <div className="mx-auto max-w-3xl space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-5" data-testid="conflict-view">
      <h2 className="text-lg font-semibold text-amber-950">{conflict.alreadyReviewed ? "You already reviewed this item" : "This item changed while you were reviewing it"}</h2>
      <p className="text-sm text-amber-950">{conflict.message} Nothing of yours was overwritten, and nothing of theirs.</p>
      {conflict.current && (
        <div className="rounded border border-amber-200 bg-white p-3">
          <p className="mb-2 text-xs font-semibold uppercase text-slate-500">Their version {conflict.current.number} ({conflict.current.kind}){conflict.current.authorName ? ` by ${conflict.current.authorName}` : ""}</p>
          {theirs.map((s) => <p key={s.key} className="text-sm"><span className="text-slate-500">{s.label}: </span><ReviewText text={s.text} /></p>)}
        </div>
      )}
      {Object.keys(myEdits).length > 0 && (
        <div className="rounded border border-amber-200 bg-white p-3" data-testid="my-kept-text">
          <p className="mb-2 text-xs font-semibold uppercase text-slate-500">Your text (kept on this computer)</p>
          {Object.entries(myEdits).map(([k, v]) => <p key={k} className="text-sm"><span className="text-slate-500">{k}: </span><ReviewText text={v} /></p>)}
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        {!conflict.alreadyReviewed && <button type="button" onClick={onReload} className="rounded bg-amber-700 px-3 py-1.5 text-sm text-white">Open the new version</button>}
        <button type="button" onClick={onNext} className="rounded border border-amber-400 px-3 py-1.5 text-sm">Go to the next item</button>
        <button type="button" onClick={onDiscard} className="rounded px-3 py-1.5 text-sm text-slate-600">Discard my draft</button>
      </div>
    </div>
  );
}
