"use client";
// The cheat sheet (?): every key of the workspace and of the viewer.
import { SHORTCUT_HELP } from "@/lib/viewer/keys";

const WORKSPACE_KEYS: [string, string][] = [
  ["Enter", "accept (with your edits) and go to the next item"],
  ["Shift+X", "reject the item: pick a reason by its letter, severity 1–3, Enter"],
  ["1–9", "select a level: highlight it on the image and scroll to it"],
  ["A", "accept the selected level"],
  ["C", "correct the selected level (move the claim to another level)"],
  ["X", "reject the selected level"],
  ["E", "edit the text (Esc leaves the text box)"],
  ["J / K", "next / previous item in your queue"],
  ["?", "this sheet"],
];

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <div role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" onClick={onClose} data-testid="shortcut-sheet">
      <div className="grid w-full max-w-3xl gap-6 rounded-xl bg-white p-6 shadow-xl md:grid-cols-2" onClick={(e) => e.stopPropagation()}>
        <section>
          <h2 className="mb-2 font-semibold">Review</h2>
          <dl className="space-y-1 text-sm">{WORKSPACE_KEYS.map(([k, v]) => <div key={k} className="flex gap-3"><dt className="w-20 shrink-0"><kbd className="rounded border border-slate-300 px-1 text-xs">{k}</kbd></dt><dd>{v}</dd></div>)}</dl>
        </section>
        <section>
          <h2 className="mb-2 font-semibold">Images <span className="text-sm font-normal text-slate-500">(after clicking the image; ↑ ↓ work everywhere)</span></h2>
          <dl className="space-y-1 text-sm">{SHORTCUT_HELP.map(([k, v]) => <div key={k} className="flex gap-3"><dt className="w-20 shrink-0"><kbd className="rounded border border-slate-300 px-1 text-xs">{k}</kbd></dt><dd>{v}</dd></div>)}</dl>
        </section>
        <button type="button" onClick={onClose} className="justify-self-end rounded bg-slate-800 px-3 py-1 text-sm text-white md:col-span-2">Close (Esc)</button>
      </div>
    </div>
  );
}
