"use client";
// The item's levels, each decided on its own: accept, reject (with a reason), or move the claim to another level
// (a level correction, one action). Selecting a level highlights it on the image and scrolls to it.
import { useState } from "react";
import { levelsNear, parseLevel } from "@/lib/levels";
import type { LevelDraft } from "./draft";
import { ReviewText } from "./ReviewText";
import { keysFor } from "@/lib/shortcuts/table";
import { WORKSPACE_SHORTCUTS } from "./shortcuts";

const KEY = { accept: keysFor(WORKSPACE_SHORTCUTS, "level.accept"), correct: keysFor(WORKSPACE_SHORTCUTS, "level.correct"), reject: keysFor(WORKSPACE_SHORTCUTS, "level.reject") };

interface Props {
  levels: { level: string; note: string | null }[];
  decisions: Record<string, LevelDraft>;
  selected: string | null;
  correcting: string | null;
  onSelect: (level: string) => void;
  onAccept: (level: string) => void;
  onReject: (level: string) => void;
  onStartCorrect: (level: string | null) => void;
  onCorrect: (level: string, to: string) => void;
  onUndo: (level: string) => void;
}

const BADGE: Record<string, string> = {
  accept: "bg-emerald-100 text-emerald-800",
  edit: "bg-amber-100 text-amber-900",
  reject: "bg-red-100 text-red-800",
};

export function LevelPanel(p: Props) {
  if (p.levels.length === 0) return <p className="text-sm text-slate-500">This item has no levels.</p>;
  return (
    <ul className="space-y-1" data-testid="level-panel">
      {p.levels.map(({ level, note }, i) => {
        const d = p.decisions[level] ?? { decision: null };
        const selected = p.selected === level;
        return (
          <li key={level} data-testid={`level-${level}`} data-decision={d.decision ?? ""}
            className={`rounded-md border px-2 py-1.5 ${selected ? "border-teal-500 bg-teal-50" : "border-slate-200 bg-white"}`}>
            <div className="flex flex-wrap items-center gap-2">
              <button type="button" onClick={() => p.onSelect(level)} className="flex items-center gap-2" aria-pressed={selected} title="Show on the image">
                <kbd className="rounded border border-slate-300 px-1 text-xs text-slate-500">{i + 1}</kbd>
                <span className={`font-mono font-semibold ${d.correctedLevel ? "text-slate-400 line-through" : ""}`}>{level}</span>
                {d.correctedLevel && <span className="font-mono font-semibold text-amber-800">→ {d.correctedLevel}</span>}
              </button>
              {note && <ReviewText text={note} className="text-xs text-slate-500" />}
              <span className="ml-auto flex items-center gap-1">
                {d.decision && <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${BADGE[d.decision]}`}>{d.correctedLevel ? "moved" : d.decision}{d.reason ? ` · ${d.reason.replace(/_/g, " ")}` : ""}</span>}
                <button type="button" className="rounded px-1.5 py-0.5 text-xs text-emerald-800 hover:bg-emerald-100" onClick={() => p.onAccept(level)} title={`Accept (${KEY.accept})`}>Accept</button>
                <button type="button" className="rounded px-1.5 py-0.5 text-xs text-amber-900 hover:bg-amber-100" onClick={() => p.onStartCorrect(level)} title={`Move to another level (${KEY.correct})`}>Correct level</button>
                <button type="button" className="rounded px-1.5 py-0.5 text-xs text-red-800 hover:bg-red-100" onClick={() => p.onReject(level)} title={`Reject (${KEY.reject})`}>Reject</button>
                {d.decision && <button type="button" className="rounded px-1 text-xs text-slate-500 hover:bg-slate-100" onClick={() => p.onUndo(level)} title="Undo">↺</button>}
              </span>
            </div>
            {p.correcting === level && <CorrectLevel from={level} taken={p.levels.map((l) => l.level)} onCancel={() => p.onStartCorrect(null)} onPick={(to) => p.onCorrect(level, to)} />}
          </li>
        );
      })}
    </ul>
  );
}

function CorrectLevel({ from, taken, onPick, onCancel }: { from: string; taken: string[]; onPick: (to: string) => void; onCancel: () => void }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  let suggestions: string[] = [];
  try {
    suggestions = levelsNear(from, 2).filter((l) => l !== from && !taken.includes(l));
  } catch {
    suggestions = [];
  }
  const submit = (value: string) => {
    const r = parseLevel(value);
    if (!r.ok) return setError(r.error);
    if (r.level.canonical === from) return setError(`The claim is already at ${from}.`);
    onPick(r.level.canonical);
  };
  return (
    <form className="mt-2 flex flex-wrap items-center gap-2 text-sm" onSubmit={(e) => { e.preventDefault(); submit(text); }} data-testid="correct-level">
      <span className="text-slate-600">Move {from} to</span>
      {suggestions.map((s) => (
        <button key={s} type="button" className="rounded border border-amber-300 bg-amber-50 px-1.5 font-mono text-xs hover:bg-amber-100" onClick={() => onPick(s)}>{s}</button>
      ))}
      <input autoFocus aria-label="Corrected level" value={text} onChange={(e) => { setText(e.target.value); setError(null); }} placeholder="e.g. L5-S1" className="w-24 rounded border border-slate-300 px-1 font-mono" onKeyDown={(e) => e.key === "Escape" && onCancel()} />
      <button className="rounded bg-amber-600 px-2 text-white">Move</button>
      <button type="button" className="text-slate-500" onClick={onCancel}>Cancel</button>
      {error && <span role="alert" className="w-full text-xs text-red-700">{error}</span>}
    </form>
  );
}
