// The actions at the bottom of the review panel: accept (with edits) and next, reject, skip, next item from the
// pool, and previous/next in the queue. Their key labels come from the shortcut table.
import { keysFor } from "@/lib/shortcuts/table";
import { WORKSPACE_SHORTCUTS, type WorkspaceCommand } from "./shortcuts";
import type { NextItemState } from "./useNextItem";

const KEY = (c: WorkspaceCommand) => keysFor(WORKSPACE_SHORTCUTS, c);

interface Props {
  error: string | null;
  /** Saving is possible (not saving now, and no one else holds the item). */
  canSave: boolean;
  acceptLabel: string;
  hasPrevious: boolean;
  hasNext: boolean;
  nextState: NextItemState;
  onAccept: () => void;
  onReject: () => void;
  onSkip: () => void;
  onNextFromPool: () => void;
  onPrevious: () => void;
  onNext: () => void;
}

export function WorkspaceFooter(p: Props) {
  return (
    <footer className="border-t border-slate-200 px-4 py-2">
      {p.error && <p role="alert" className="mb-2 rounded bg-red-50 px-2 py-1 text-sm text-red-800" data-testid="review-error">{p.error}</p>}
      {p.nextState.status === "error" && <p role="alert" className="mb-2 rounded bg-red-50 px-2 py-1 text-sm text-red-800">{p.nextState.message}</p>}
      {p.nextState.status === "empty" && <p role="status" className="mb-2 rounded bg-slate-100 px-2 py-1 text-sm text-slate-700" data-testid="nothing-to-review">{p.nextState.message}</p>}
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" disabled={!p.canSave} onClick={p.onAccept} data-testid="accept-item"
          className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-50">
          {p.acceptLabel} and next <kbd className="ml-1 rounded bg-emerald-900/40 px-1 text-xs">{KEY("item.accept")}</kbd>
        </button>
        <button type="button" disabled={!p.canSave} onClick={p.onReject} data-testid="reject-item"
          className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-50">
          Reject <kbd className="ml-1 rounded bg-red-100 px-1 text-xs">{KEY("item.reject")}</kbd>
        </button>
        <span className="ml-auto flex flex-wrap items-center gap-2 text-xs">
          <button type="button" onClick={p.onSkip} data-testid="skip-item" title="Give this item back and go on; your draft stays on this computer"
            className="rounded border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-50">
            Skip <kbd className="ml-0.5 rounded bg-slate-100 px-1">{KEY("item.skip")}</kbd>
          </button>
          <button type="button" onClick={p.onNextFromPool} disabled={p.nextState.status === "loading"} data-testid="next-item" title="The next item to review: your queue first, then the shared pool"
            className="rounded border border-teal-700 px-2 py-1 text-teal-800 hover:bg-teal-50 disabled:opacity-50">
            Next item <kbd className="ml-0.5 rounded bg-teal-50 px-1">{KEY("item.nextFromPool")}</kbd>
          </button>
          {p.hasPrevious && <button type="button" onClick={p.onPrevious} className="text-slate-600 underline">← previous ({KEY("item.previous")})</button>}
          <button type="button" onClick={p.onNext} className="text-slate-600 underline">{p.hasNext ? `next (${KEY("item.next")}) →` : "back to queue"}</button>
        </span>
      </div>
    </footer>
  );
}
