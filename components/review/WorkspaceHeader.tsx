// The top of the review panel: which item this is (id, task, language, modality, subfield), where it stands in
// the reviewer's queue and when it is due, the cheat-sheet button, and the tabs of the item's views.
import { keysFor } from "@/lib/shortcuts/table";
import { WORKSPACE_SHORTCUTS } from "./shortcuts";
import type { QueueNeighbours, WorkspaceItem } from "./types";

export type Tab = "review" | "changes" | "source" | "history";
const TABS: { id: Tab; label: string }[] = [
  { id: "review", label: "Review" },
  { id: "changes", label: "Changes" },
  { id: "source", label: "Source" },
  { id: "history", label: "History" },
];
const TASK_LABEL: Record<string, string> = { mcq: "MCQ", open_qa: "Open QA", consultation: "Consultation", report: "Report" };

interface Props {
  item: WorkspaceItem;
  queue: QueueNeighbours;
  tab: Tab;
  onTab: (t: Tab) => void;
  onHelp: () => void;
}

export function WorkspaceHeader({ item, queue, tab, onTab, onHelp }: Props) {
  const due = item.assignment?.dueAt;
  return (
    <header className="border-b border-slate-200 px-4 py-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-mono text-xs text-slate-500" data-testid="item-external-id">{item.externalId}</span>
        <span className="rounded bg-indigo-50 px-1.5 text-xs font-medium text-indigo-800">{TASK_LABEL[item.taskType]}</span>
        <span className="text-xs text-slate-500">{item.language} · {item.modality ?? "text"} · {item.subfield.replace(/_/g, " ")}</span>
        <span className="ml-auto text-xs text-slate-500">
          {queue.position ? `${queue.position} of ${queue.total} in your queue` : "not in your queue"}
          {due && <span data-testid="item-due"> · due {due.slice(0, 10)}</span>}
        </span>
        <button type="button" onClick={onHelp} className="rounded border border-slate-300 px-1.5 text-xs" title={`Keyboard shortcuts (${keysFor(WORKSPACE_SHORTCUTS, "sheet.toggle")})`}>?</button>
      </div>
      <nav className="mt-2 flex gap-1 text-sm" aria-label="Item views">
        {TABS.map((t) => (
          <button key={t.id} type="button" onClick={() => onTab(t.id)} aria-current={tab === t.id ? "page" : undefined}
            className={`rounded px-2 py-0.5 ${tab === t.id ? "bg-slate-800 text-white" : "text-slate-600 hover:bg-slate-100"}`}>
            {t.label}
          </button>
        ))}
      </nav>
    </header>
  );
}
