// The dashboard's filters as a plain GET form: the view lives in the URL, so it can be bookmarked and shared.
import type { DashboardFilters } from "@/lib/dashboard/filters";

export function Filters({ filters, batches, taskTypes, levels }: { filters: DashboardFilters; batches: { id: string; label: string }[]; taskTypes: readonly string[]; levels: string[] }) {
  const select = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";
  return (
    <form method="get" className="mb-6 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3 text-sm" data-testid="dashboard-filters">
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">From (UTC day)</span>
        <input type="date" name="from" defaultValue={filters.from ?? ""} className={select} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">To</span>
        <input type="date" name="to" defaultValue={filters.to ?? ""} className={select} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">Import batch</span>
        <select name="batch" defaultValue={filters.batch ?? ""} className={select}>
          <option value="">all batches</option>
          {filters.batch && !batches.some((b) => b.id === filters.batch) && <option value={filters.batch}>{filters.batch} (unknown)</option>}
          {batches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">Task type</span>
        <select name="taskType" defaultValue={filters.taskType ?? ""} className={select}>
          <option value="">all task types</option>
          {filters.taskType && !taskTypes.includes(filters.taskType) && <option value={filters.taskType}>{filters.taskType} (unknown)</option>}
          {taskTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">Reviewer pairs agree on</span>
        <select name="level" defaultValue={filters.level ?? ""} className={select}>
          <option value="">item decisions</option>
          {filters.level && !levels.includes(filters.level) && <option value={filters.level}>{filters.level}</option>}
          {levels.map((l) => (
            <option key={l} value={l}>
              level {l}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-white hover:bg-slate-700">
        Apply
      </button>
      <a href="?" className="px-2 py-1.5 text-slate-600 underline">
        Clear
      </a>
      {filters.ignored.length > 0 && (
        <p className="w-full text-xs text-amber-700" role="status">
          Ignored: {filters.ignored.join("; ")}.
        </p>
      )}
    </form>
  );
}
