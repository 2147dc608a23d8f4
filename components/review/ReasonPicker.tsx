"use client";
// Reason and severity for a rejection or an edit, chosen by keys: the reason's letter, then 1–3 for severity,
// Enter to confirm, Esc to cancel. Mouse works too.
import { useEffect, useState } from "react";
import { REASONS, SEVERITIES } from "@/lib/review/taxonomy";

export interface ReasonChoice {
  reason: string;
  severity: string;
  comment: string;
}

export function ReasonPicker({ title, initial, onConfirm, onCancel }: { title: string; initial?: Partial<ReasonChoice>; onConfirm: (c: ReasonChoice) => void; onCancel: () => void }) {
  const [reason, setReason] = useState(initial?.reason ?? "");
  const [severity, setSeverity] = useState(initial?.severity ?? "");
  const [comment, setComment] = useState(initial?.comment ?? "");

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement)?.tagName === "TEXTAREA") {
        if (e.key === "Escape") onCancel();
        return;
      }
      if (e.key === "Escape") return onCancel();
      if (e.key === "Enter" && reason && severity) {
        e.preventDefault();
        return onConfirm({ reason, severity, comment });
      }
      const r = REASONS.find((x) => x.key.toLowerCase() === e.key.toLowerCase());
      if (r) {
        e.preventDefault();
        setReason(r.id);
        return;
      }
      const s = SEVERITIES[Number(e.key) - 1];
      if (s) {
        e.preventDefault();
        setSeverity(s.id);
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [reason, severity, comment, onConfirm, onCancel]);

  return (
    <div role="dialog" aria-modal="true" aria-label={title} className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" data-testid="reason-picker">
      <div className="w-full max-w-lg rounded-xl bg-white p-5 shadow-xl">
        <h2 className="text-lg font-semibold">{title}</h2>
        <p className="mb-3 text-xs text-slate-500">Press the letter of a reason, then 1–3 for severity, Enter to confirm, Esc to cancel.</p>
        <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
          {REASONS.map((r) => (
            <button key={r.id} type="button" onClick={() => setReason(r.id)} aria-pressed={reason === r.id}
              className={`flex items-center gap-2 rounded border px-2 py-1 text-left text-sm ${reason === r.id ? "border-teal-600 bg-teal-50" : "border-slate-200 hover:bg-slate-50"}`}>
              <kbd className="rounded border border-slate-300 px-1 text-xs uppercase">{r.key}</kbd>{r.label}
            </button>
          ))}
        </div>
        <div className="mt-3 flex gap-2">
          {SEVERITIES.map((s, i) => (
            <button key={s.id} type="button" onClick={() => setSeverity(s.id)} aria-pressed={severity === s.id}
              className={`flex-1 rounded border px-2 py-1 text-sm ${severity === s.id ? (s.id === "clinically_dangerous" ? "border-red-600 bg-red-50" : "border-teal-600 bg-teal-50") : "border-slate-200 hover:bg-slate-50"}`}>
              <kbd className="mr-1 rounded border border-slate-300 px-1 text-xs">{i + 1}</kbd>{s.label}
            </button>
          ))}
        </div>
        <textarea aria-label="Comment" placeholder="Comment (optional)" value={comment} onChange={(e) => setComment(e.target.value)} className="mt-3 w-full rounded border border-slate-300 p-2 text-sm" rows={2} />
        <div className="mt-3 flex justify-end gap-2">
          <button type="button" onClick={onCancel} className="rounded px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100">Cancel</button>
          <button type="button" disabled={!reason || !severity} onClick={() => onConfirm({ reason, severity, comment })} className="rounded bg-teal-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">Confirm</button>
        </div>
      </div>
    </div>
  );
}
