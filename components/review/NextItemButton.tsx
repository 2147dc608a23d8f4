"use client";
// "Next item" on My queue: the next item to review from the shared pool, opened at once; with nothing left, a
// plain "Nothing to review" note in place instead of an error.
import { useNextItem } from "./useNextItem";

export function NextItemButton({ className = "" }: { className?: string }) {
  const { next, state } = useNextItem();
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button type="button" onClick={() => void next()} disabled={state.status === "loading"} data-testid="next-item"
        className={`rounded-md border border-teal-700 px-4 py-2 font-medium text-teal-800 hover:bg-teal-50 disabled:opacity-50 ${className}`}>
        {state.status === "loading" ? "Finding an item…" : "Next item"}
      </button>
      {state.status === "empty" && <span role="status" data-testid="nothing-to-review" className="text-sm text-slate-600">Nothing to review. {state.message.replace(/^Nothing to review:?\s*/i, "")}</span>}
      {state.status === "error" && <span role="alert" className="text-sm text-red-700">{state.message}</span>}
    </span>
  );
}
