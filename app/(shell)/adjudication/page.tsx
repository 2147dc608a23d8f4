import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { LevelChips, TaskBadge } from "@/components/ui/badges";
import { adjudicationQueue, recentlyAdjudicated } from "@/lib/adjudication/queue";
import { formatAge } from "@/lib/adjudication/format";
import { requirePageRole } from "@/lib/auth/session";

export const metadata = { title: "Adjudication" };

export default async function AdjudicationPage() {
  const user = await requirePageRole("adjudicator", "admin");
  const [{ items, total }, recent] = await Promise.all([adjudicationQueue(user), recentlyAdjudicated(user)]);
  return (
    <>
      <PageHeader
        title="Adjudication"
        subtitle={`${total} disputed item${total === 1 ? "" : "s"} waiting for a final decision, the longest waiting first${total > items.length ? ` (the first ${items.length} shown)` : ""}`}
        actions={
          items[0] && (
            <Link href={`/adjudication/${items[0].itemId}`} data-testid="start-adjudicating" className="rounded-md bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800">
              Adjudicate the oldest
            </Link>
          )
        }
      />
      {items.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600" data-testid="adjudication-empty">No disputed items: every round so far ended in agreement.</p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="adjudication-queue">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr><th className="p-2">Item</th><th className="p-2">Task</th><th className="p-2">Levels</th><th className="p-2">Reviewers</th><th className="p-2">Waiting</th><th className="p-2">Disagreement</th></tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.itemId} className="border-t border-slate-100 align-top" data-testid={`dispute-${r.externalId}`}>
                <td className="p-2 font-mono text-xs"><Link href={`/adjudication/${r.itemId}`} className="text-teal-800 underline">{r.externalId}</Link>{r.round > 1 && <span className="ml-1 text-slate-500">round {r.round}</span>}</td>
                <td className="p-2"><TaskBadge type={r.taskType} /></td>
                <td className="p-2"><LevelChips levels={r.levels} /></td>
                <td className="p-2 text-xs">{r.reviewers.join(", ")}</td>
                <td className="p-2 tabular-nums text-xs" title={r.disputedAt}>{formatAge(r.ageMs)}</td>
                <td className="p-2 text-xs"><ul className="list-disc pl-4">{r.disagreements.map((d) => <li key={d}>{d}</li>)}</ul></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {recent.length > 0 && (
        <section className="mt-8" aria-labelledby="recent-heading">
          <h2 id="recent-heading" className="mb-2 text-lg font-semibold">Recently adjudicated</h2>
          <p className="mb-2 text-sm text-slate-600">Open one to see the reviews and the adjudication side by side, or to send it back to review with a note.</p>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="recently-adjudicated">
            {recent.map((r) => (
              <li key={r.itemId} className="flex flex-wrap items-center gap-3 p-2">
                <Link href={`/adjudication/${r.itemId}`} className="font-mono text-xs text-teal-800 underline">{r.externalId}</Link>
                <TaskBadge type={r.taskType} />
                <LevelChips levels={r.levels} />
                <span className="text-xs text-slate-600">final decision: {r.finalDecision ?? "—"} · {r.decidedAt.slice(0, 16).replace("T", " ")}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
