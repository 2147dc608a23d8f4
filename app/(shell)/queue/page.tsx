import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { LevelChips, StatusBadge, TaskBadge } from "@/components/ui/badges";
import { requirePageRole } from "@/lib/auth/session";
import { queueFilterSchema, type QueueFilter } from "@/lib/review/schemas";
import { reviewQueue } from "@/lib/review";

export const metadata = { title: "My queue" };

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageRole("reviewer", "adjudicator", "admin");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== ""));
  const parsed = queueFilterSchema.safeParse(raw);
  const filters: QueueFilter = parsed.success ? parsed.data : {};
  const { items, total } = await reviewQueue(user.id, filters);
  const firstOpen = items.find((i) => !i.reviewed);
  return (
    <>
      <PageHeader
        title="My queue"
        subtitle={`${total} item${total === 1 ? "" : "s"} assigned to you${parsed.success ? "" : " · the filter was not understood and is ignored"}`}
        actions={
          firstOpen && (
            <Link href={`/review/${firstOpen.itemId}`} data-testid="start-reviewing" className="rounded-md bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800">
              Start reviewing
            </Link>
          )
        }
      />
      <form className="mb-4 flex flex-wrap items-end gap-2 text-sm" method="get" aria-label="Filter the queue">
        <select name="taskType" defaultValue={filters.taskType ?? ""} aria-label="Task type" className="rounded border border-slate-300 bg-white px-2 py-1">
          <option value="">All task types</option><option value="mcq">MCQ</option><option value="open_qa">Open QA</option>
          <option value="consultation">Consultation</option><option value="report">Report</option>
        </select>
        <select name="modality" defaultValue={filters.modality ?? ""} aria-label="Modality" className="rounded border border-slate-300 bg-white px-2 py-1">
          <option value="">All modalities</option><option value="XR">X-ray</option><option value="CT">CT</option><option value="MR">MR</option>
        </select>
        <select name="status" defaultValue={filters.status ?? ""} aria-label="Status" className="rounded border border-slate-300 bg-white px-2 py-1">
          <option value="">All statuses</option><option value="pending">Pending</option><option value="in_review">In review</option>
          <option value="disputed">Disputed</option><option value="approved">Approved</option><option value="rejected">Rejected</option>
        </select>
        <input name="level" defaultValue={filters.level ?? ""} placeholder="Level, e.g. L4-5" aria-label="Level" className="w-32 rounded border border-slate-300 px-2 py-1" />
        <button className="rounded bg-slate-800 px-3 py-1 text-white">Filter</button>
        {Object.keys(raw).length > 0 && <Link href="/queue" className="text-slate-600 underline">Clear</Link>}
      </form>
      {items.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">Nothing here{Object.keys(raw).length ? " for this filter" : ": nothing is assigned to you right now"}.</p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="queue-table">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr><th className="p-2">#</th><th className="p-2">Item</th><th className="p-2">Task</th><th className="p-2">Modality</th><th className="p-2">Levels</th><th className="p-2">Status</th><th className="p-2">Lease until</th></tr>
          </thead>
          <tbody>
            {items.map((a, i) => (
              <tr key={a.assignmentId} className={`border-t border-slate-100 ${a.reviewed ? "text-slate-400" : ""}`}>
                <td className="p-2 tabular-nums">{i + 1}</td>
                <td className="p-2 font-mono text-xs"><Link href={`/review/${a.itemId}`} className="text-teal-800 underline">{a.externalId}</Link>{a.reviewed && " · reviewed"}</td>
                <td className="p-2"><TaskBadge type={a.taskType} /></td>
                <td className="p-2">{a.modality ?? "—"}</td>
                <td className="p-2"><LevelChips levels={a.levels} /></td>
                <td className="p-2"><StatusBadge status={a.status} /></td>
                <td className="p-2 tabular-nums text-xs">{a.dueAt.slice(0, 16).replace("T", " ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
