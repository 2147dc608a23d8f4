"use client";
// The SpineBench rubric for reports: ten dimensions scored 1–5 in five sections, the total (0–100) live.
import { RUBRIC_SECTIONS, rubricTotal, type RubricScores } from "@/lib/review/rubric";

export function RubricForm({ scores, onChange }: { scores: Record<string, number>; onChange: (dimension: string, score: number) => void }) {
  const complete = RUBRIC_SECTIONS.every((s) => s.dimensions.every((d) => scores[d.id]));
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-3" data-testid="rubric">
      <legend className="px-1 text-sm font-semibold">Report rubric</legend>
      <div className="space-y-2">
        {RUBRIC_SECTIONS.map((section) => (
          <div key={section.id}>
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{section.label}</p>
            {section.dimensions.map((d) => (
              <div key={d.id} className="flex items-center justify-between gap-2 py-0.5 text-sm">
                <span>{d.label}</span>
                <span className="flex gap-0.5" role="radiogroup" aria-label={d.label}>
                  {[1, 2, 3, 4, 5].map((n) => (
                    <button key={n} type="button" role="radio" aria-checked={scores[d.id] === n} aria-label={`${d.label} ${n}`} onClick={() => onChange(d.id, n)}
                      className={`h-6 w-6 rounded text-xs ${scores[d.id] === n ? "bg-teal-700 text-white" : "bg-slate-100 hover:bg-slate-200"}`}>{n}</button>
                  ))}
                </span>
              </div>
            ))}
          </div>
        ))}
      </div>
      <p className="mt-2 text-sm" data-testid="rubric-total">
        SpineBench total: <strong>{complete ? rubricTotal(scores as RubricScores).toFixed(1) : "—"}</strong> / 100
      </p>
    </fieldset>
  );
}
