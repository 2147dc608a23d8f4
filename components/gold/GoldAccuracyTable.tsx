// Every reviewer's accuracy on gold items, for admins.
import type { GoldAccuracy } from "@/lib/gold/accuracy";

const pct = (n: number | null) => (n === null ? "—" : `${Math.round(n * 100)}%`);

export function GoldAccuracyTable({ reviewers }: { reviewers: GoldAccuracy[] }) {
  if (reviewers.length === 0) return <p className="text-sm text-slate-600" data-testid="gold-accuracy-empty">No gold item has been reviewed yet.</p>;
  return (
    <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="gold-accuracy-table">
      <thead className="bg-slate-100 text-left text-slate-600">
        <tr><th className="p-2">Reviewer</th><th className="p-2">Gold items reviewed</th><th className="p-2">Fully right</th><th className="p-2">Levels right</th><th className="p-2">Accuracy</th></tr>
      </thead>
      <tbody>
        {reviewers.map((r) => (
          <tr key={r.reviewerId} className="border-t border-slate-100" data-testid={`gold-accuracy-${r.reviewerName}`}>
            <td className="p-2">{r.reviewerName}</td>
            <td className="p-2 tabular-nums">{r.items}</td>
            <td className="p-2 tabular-nums">{r.correct}</td>
            <td className="p-2 tabular-nums">{r.levelsCorrect} / {r.levelsTotal}</td>
            <td className="p-2 font-semibold tabular-nums">{pct(r.accuracy)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
