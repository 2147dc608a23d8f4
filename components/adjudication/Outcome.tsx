"use client";
// One outcome (an item's or a level's): decision, the level a claim was moved to, reason, severity, comment; and
// the small form in which the adjudicator writes their own outcome for a level.
import { useState } from "react";
import type { LevelOutcome } from "@/lib/adjudication/choices";
import { levelsNear, parseLevel } from "@/lib/levels";
import { levelDecisionSchema } from "@/lib/review/schemas";
import { REASONS, reasonLabel, SEVERITIES, severityLabel } from "@/lib/review/taxonomy";

const BADGE: Record<string, string> = {
  accept: "bg-emerald-100 text-emerald-800",
  edit: "bg-amber-100 text-amber-900",
  reject: "bg-red-100 text-red-800",
};

export function OutcomeBadge({ outcome }: { outcome: Pick<LevelOutcome, "decision" | "correctedLevel"> }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${BADGE[outcome.decision]}`} data-decision={outcome.decision}>
      {outcome.correctedLevel ? `moved → ${outcome.correctedLevel}` : outcome.decision === "edit" ? "accepted with changes" : outcome.decision === "accept" ? "accepted" : "rejected"}
    </span>
  );
}

export function ReviewOutcome({ outcome }: { outcome: LevelOutcome }) {
  return (
    <div className="space-y-0.5">
      <OutcomeBadge outcome={outcome} />
      {(outcome.reason || outcome.severity) && (
        <p className="text-xs text-slate-700">{[reasonLabel(outcome.reason), severityLabel(outcome.severity)].filter(Boolean).join(" · ")}</p>
      )}
      {outcome.comment && <p className="text-xs italic text-slate-600">“{outcome.comment}”</p>}
    </div>
  );
}

type Kind = "accept" | "reject" | "move";

export function OwnLevelForm({ level, taken, initial, onUse, onCancel }: { level: string; taken: string[]; initial: LevelOutcome | null; onUse: (o: LevelOutcome) => void; onCancel: () => void }) {
  const [kind, setKind] = useState<Kind>(initial?.correctedLevel ? "move" : initial?.decision === "reject" ? "reject" : "accept");
  const [to, setTo] = useState(initial?.correctedLevel ?? "");
  const [reason, setReason] = useState(initial?.reason ?? "");
  const [severity, setSeverity] = useState(initial?.severity ?? "");
  const [comment, setComment] = useState(initial?.comment ?? "");
  const [error, setError] = useState<string | null>(null);
  let near: string[] = [];
  try {
    near = levelsNear(level, 2).filter((l) => l !== level && !taken.includes(l));
  } catch {
    near = [];
  }
  const use = () => {
    const canonical = kind === "move" ? parseLevel(to) : null;
    if (canonical && !canonical.ok) return setError(canonical.error);
    const raw = {
      level,
      decision: kind === "accept" ? "accept" : kind === "reject" ? "reject" : "edit",
      correctedLevel: canonical?.ok ? canonical.level.canonical : undefined,
      reason: reason || undefined,
      severity: severity || undefined,
      comment: comment || undefined,
    };
    const parsed = levelDecisionSchema.safeParse(raw);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Not a valid outcome.");
    const v = parsed.data;
    onUse({ decision: v.decision, correctedLevel: v.correctedLevel ?? null, reason: v.reason ?? null, severity: v.severity ?? null, comment: v.comment ?? null });
  };
  return (
    <div className="mt-2 w-64 space-y-2 rounded border border-slate-300 bg-slate-50 p-2 text-xs" data-testid={`own-${level}`} role="group" aria-label={`Your own outcome for ${level}`}>
      <div className="flex gap-1">
        {(["accept", "reject", "move"] as const).map((k) => (
          <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)} className={`rounded border px-1.5 py-0.5 ${kind === k ? "border-teal-600 bg-white font-medium" : "border-slate-300"}`}>
            {k === "move" ? "Move to…" : k === "accept" ? "Accept" : "Reject"}
          </button>
        ))}
      </div>
      {kind === "move" && (
        <div className="flex flex-wrap items-center gap-1">
          {near.map((n) => (
            <button key={n} type="button" onClick={() => setTo(n)} className={`rounded border px-1 font-mono ${to === n ? "border-amber-500 bg-amber-100" : "border-amber-300 bg-amber-50"}`}>{n}</button>
          ))}
          <input aria-label={`Move ${level} to`} value={to} onChange={(e) => setTo(e.target.value)} placeholder="e.g. L5-S1" className="w-20 rounded border border-slate-300 px-1 font-mono" />
        </div>
      )}
      {kind !== "accept" && (
        <div className="grid grid-cols-2 gap-1">
          <select aria-label={`Reason for ${level}`} value={reason} onChange={(e) => setReason(e.target.value)} className="rounded border border-slate-300 px-1">
            <option value="">{kind === "move" ? "Wrong level" : "Reason…"}</option>
            {REASONS.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
          </select>
          <select aria-label={`Severity for ${level}`} value={severity} onChange={(e) => setSeverity(e.target.value)} className="rounded border border-slate-300 px-1">
            <option value="">Severity…</option>
            {SEVERITIES.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
          </select>
        </div>
      )}
      <input aria-label={`Comment for ${level}`} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Comment (optional)" className="w-full rounded border border-slate-300 px-1" />
      {error && <p role="alert" className="text-red-700">{error}</p>}
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onCancel} className="text-slate-600">Cancel</button>
        <button type="button" onClick={use} className="rounded bg-teal-700 px-2 py-0.5 text-white">Use</button>
      </div>
    </div>
  );
}
