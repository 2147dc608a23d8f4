// An item that is not (or no longer) disputed, as the adjudicator sees it: the round's reviews and the
// adjudication side by side, level by level, with the item's levels now; send-back for a decided item.
import { SendBackForm } from "@/components/admin/SendBackForm";
import { LevelChips, StatusBadge } from "@/components/ui/badges";
import type { AdjudicationItemView } from "@/lib/adjudication/get-item";
import { isDecided } from "@/lib/review/lifecycle";
import { ReviewOutcome } from "./Outcome";

const none = { reason: null, severity: null, comment: null };

export function DecidedView({ item }: { item: AdjudicationItemView }) {
  const columns = [...item.reviews, ...(item.adjudication ? [item.adjudication] : [])];
  // The levels as the reviews decided them (an adjudicated correction may have renamed one since).
  const levels = [...new Set(columns.flatMap((r) => r.levels.map((l) => l.level)))];
  const originalLevels = item.adjudication ? [...new Set(item.adjudication.levels.map((l) => l.level))] : [];
  return (
    <div className="space-y-4" data-testid="decided-view">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold tracking-tight" data-testid="item-external-id">{item.externalId}</h1>
        <StatusBadge status={item.status} />
        {item.finalDecision && <span className="text-sm" data-testid="final-decision-value">final decision: <b>{item.finalDecision}</b></span>}
        <span className="text-sm text-slate-600">round {item.round}</span>
      </header>
      <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="item-levels">
        <span>Levels now:</span> <LevelChips levels={item.levels.map((l) => l.level)} />
        {originalLevels.length > 0 && originalLevels.join(",") !== item.levels.map((l) => l.level).join(",") && <span className="text-slate-500">(before adjudication: {originalLevels.join(", ")})</span>}
      </div>
      {item.status === "disputed" || columns.length === 0 ? null : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm" data-testid="reviews-side-by-side">
            <thead className="bg-slate-100 text-left text-slate-600">
              <tr><th className="p-2">Level</th>{columns.map((r) => <th key={r.id} className="p-2">{r.reviewerName}{r.isAdjudication && " (adjudication)"}</th>)}</tr>
            </thead>
            <tbody>
              <tr className="border-t border-slate-100 align-top">
                <td className="p-2 font-medium">Item</td>
                {columns.map((r) => <td key={r.id} className="p-2"><ReviewOutcome outcome={{ decision: r.decision, correctedLevel: null, reason: r.reason, severity: r.severity, comment: r.comment }} /></td>)}
              </tr>
              {levels.map((level) => (
                <tr key={level} className="border-t border-slate-100 align-top">
                  <td className="p-2 font-mono font-semibold">{level}</td>
                  {columns.map((r) => {
                    const l = r.levels.find((x) => x.level === level);
                    return <td key={r.id} className="p-2">{l ? <ReviewOutcome outcome={{ ...none, ...l }} /> : <span className="text-xs text-slate-400">—</span>}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isDecided(item.status) && (
        <section className="max-w-xl rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">Send back to review</h2>
          <SendBackForm itemId={item.id} decided status={item.status.replace("_", " ")} />
        </section>
      )}
    </div>
  );
}
