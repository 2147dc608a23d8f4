"use client";
// The cheat sheet (?): every key of the workspace and of the viewer, generated from their shortcut tables (and the
// reason picker's keys from the reason taxonomy), so it cannot disagree with what the keys do.
import { helpGroups, type HelpGroup } from "@/lib/shortcuts/table";
import { VIEWER_SHORTCUTS } from "@/lib/viewer/keys";
import { REASONS, SEVERITIES } from "@/lib/review/taxonomy";
import { WORKSPACE_SHORTCUTS } from "./shortcuts";

const PICKER: HelpGroup = {
  group: "Reason picker",
  rows: [
    ...REASONS.map((r) => ({ keys: r.key.toUpperCase(), label: r.label, command: `reason.${r.id}` })),
    { keys: `1–${SEVERITIES.length}`, label: `severity: ${SEVERITIES.map((s) => s.label.toLowerCase()).join(", ")}`, command: "severity" },
    { keys: "Enter / Esc", label: "confirm / cancel", command: "confirm" },
  ],
};

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <div role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" onClick={onClose} data-testid="shortcut-sheet">
      <div className="grid max-h-[90vh] w-full max-w-5xl gap-6 overflow-y-auto rounded-xl bg-white p-6 shadow-xl md:grid-cols-3" onClick={(e) => e.stopPropagation()}>
        <section>
          <h2 className="mb-2 font-semibold">Review</h2>
          {helpGroups(WORKSPACE_SHORTCUTS).map((g) => <Group key={g.group} g={g} />)}
        </section>
        <section>
          <h2 className="mb-2 font-semibold">Images <span className="text-sm font-normal text-slate-500">(after clicking the image; ↑ ↓ work everywhere)</span></h2>
          {helpGroups(VIEWER_SHORTCUTS).map((g) => <Group key={g.group} g={g} />)}
        </section>
        <section>
          <h2 className="mb-2 font-semibold">Rejecting or editing</h2>
          <Group g={PICKER} />
        </section>
        <button type="button" onClick={onClose} className="justify-self-end rounded bg-slate-800 px-3 py-1 text-sm text-white md:col-span-3">Close (Esc)</button>
      </div>
    </div>
  );
}

function Group({ g }: { g: HelpGroup }) {
  return (
    <div className="mb-3" data-testid="shortcut-group" data-group={g.group}>
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{g.group}</h3>
      <dl className="space-y-1 text-sm">
        {g.rows.map((r) => (
          <div key={r.command} className="flex gap-3" data-command={r.command}>
            <dt className="w-24 shrink-0"><kbd className="rounded border border-slate-300 px-1 text-xs">{r.keys}</kbd></dt>
            <dd>{r.label}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
