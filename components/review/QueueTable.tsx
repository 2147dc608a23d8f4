// The rows of My queue. A page is sent twice (as HTML and as the React payload that hydrates it), so every byte
// of a row counts 100 times: the styles are set once on the table with descendant selectors, and each row carries
// only its data (data-* attributes pick the badge colours). 50 rows stay well under 100 KB of HTML.
import type { QueueRow } from "@/lib/review";
import { statusLabel } from "@/lib/review/lifecycle";

const TASK: Record<string, string> = { mcq: "MCQ", open_qa: "Open QA", consultation: "Consultation", report: "Report" };

const TABLE = [
  "w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm",
  "[&_td]:p-2 [&_th]:p-2 [&_tbody_tr]:border-t [&_tbody_tr]:border-slate-100 [&_tr[data-done]]:text-slate-400",
  "[&_td:nth-child(1)]:tabular-nums [&_td:nth-child(7)]:tabular-nums [&_td:nth-child(7)]:text-xs",
  "[&_td:nth-child(2)]:font-mono [&_td:nth-child(2)]:text-xs [&_td:nth-child(2)_a]:text-teal-800 [&_td:nth-child(2)_a]:underline",
  "[&_[data-t]]:rounded [&_[data-t]]:bg-indigo-50 [&_[data-t]]:px-1.5 [&_[data-t]]:py-0.5 [&_[data-t]]:text-xs [&_[data-t]]:font-medium [&_[data-t]]:text-indigo-800",
  "[&_[data-l]]:mr-1 [&_[data-l]]:rounded [&_[data-l]]:border [&_[data-l]]:border-teal-200 [&_[data-l]]:bg-teal-50 [&_[data-l]]:px-1 [&_[data-l]]:font-mono [&_[data-l]]:text-xs [&_[data-l]]:text-teal-900",
  "[&_[data-s]]:rounded [&_[data-s]]:bg-slate-100 [&_[data-s]]:px-1.5 [&_[data-s]]:py-0.5 [&_[data-s]]:text-xs [&_[data-s]]:font-medium [&_[data-s]]:text-slate-700",
  "[&_[data-s=in-review]]:bg-sky-100 [&_[data-s=in-review]]:text-sky-800 [&_[data-s=disputed]]:bg-amber-100 [&_[data-s=disputed]]:text-amber-900",
  "[&_[data-s=approved]]:bg-emerald-100 [&_[data-s=approved]]:text-emerald-800 [&_[data-s=rejected]]:bg-red-100 [&_[data-s=rejected]]:text-red-800",
  "[&_[data-s=adjudicated]]:bg-violet-100 [&_[data-s=adjudicated]]:text-violet-800",
].join(" ");

export function QueueTable({ rows, first }: { rows: QueueRow[]; first: number }) {
  return (
    <table className={TABLE} data-testid="queue-table">
      <thead className="bg-slate-100 text-left text-slate-600">
        <tr><th>#</th><th>Item</th><th>Task</th><th>Modality</th><th>Levels</th><th>Status</th><th>Due</th></tr>
      </thead>
      <tbody>
        {rows.map((a, i) => (
          // A static server-rendered list: the row number is a stable key and shorter than the assignment id.
          <tr key={i} data-done={a.reviewed ? "" : undefined}>
            <td>{first + i}</td>
            <td>
              {/* A plain link: the workspace is a page of its own, and a client Link per row would double the payload. */}
              <a href={`/review/${a.itemId}`}>{a.externalId}</a>
              {a.reviewed ? " · reviewed" : a.origin === "pool" ? " · from the pool" : null}
            </td>
            <td><span data-t="">{TASK[a.taskType] ?? a.taskType}</span></td>
            <td>{a.modality ?? "—"}</td>
            <td>{a.levels.map((l) => <span key={l} data-l="">{l}</span>)}</td>
            <td><span data-s={a.status.replace("_", "-")}>{statusLabel(a.status)}</span></td>
            <td>{a.dueAt.slice(0, 10)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
