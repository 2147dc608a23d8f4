import { statusLabel, type ItemStatus } from "@/lib/review/lifecycle";
const TASK_LABELS: Record<string, string> = { mcq: "MCQ", open_qa: "Open QA", consultation: "Consultation", report: "Report" };
// Typed by the lifecycle's statuses: a new status fails the typecheck here until it has a colour.
const STATUS_STYLES: Record<ItemStatus, string> = {
  pending: "bg-slate-100 text-slate-700",
  in_review: "bg-sky-100 text-sky-800",
  disputed: "bg-amber-100 text-amber-900",
  approved: "bg-emerald-100 text-emerald-800",
  rejected: "bg-red-100 text-red-800",
  adjudicated: "bg-violet-100 text-violet-800",
};

export function TaskBadge({ type }: { type: string }) {
  return <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-800">{TASK_LABELS[type] ?? type}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLES[status as ItemStatus] ?? "bg-slate-100"}`}>{statusLabel(status as ItemStatus)}</span>;
}

export function LevelChips({ levels }: { levels: string[] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {levels.map((l) => (
        <span key={l} className="rounded border border-teal-200 bg-teal-50 px-1 font-mono text-xs text-teal-900">{l}</span>
      ))}
    </span>
  );
}
