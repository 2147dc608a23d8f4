"use client";
// The items of one page with keyboard-friendly selection (a checkbox per row, one for the page, and "select the
// whole filter" with its count), the bulk action form for admins, and the bulk jobs' progress.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { BrowseFilter } from "@/lib/browse/filters";
import type { BrowseRow } from "@/lib/browse/list";
import type { BulkReport } from "@/lib/bulk/schemas";
import { LevelChips, StatusBadge, TaskBadge } from "@/components/ui/badges";
import { requestJson } from "@/components/ui/requestJson";
import { BulkPanel, type Target } from "./BulkPanel";
import { JobProgress } from "./JobProgress";

export function ItemsTable({
  rows, filter, countQuery, isAdmin, reviewers, jobs: initialJobs,
}: {
  rows: BrowseRow[];
  filter: BrowseFilter;
  countQuery: string;
  isAdmin: boolean;
  reviewers: { email: string; label: string }[];
  jobs: { id: string; label: string }[];
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [wholeFilter, setWholeFilter] = useState(false);
  const [counted, setCounted] = useState<{ query: string; count: number | null; error: string | null }>({ query: "", count: null, error: null });
  const [report, setReport] = useState<BulkReport | null>(null);
  const [jobs, setJobs] = useState(initialJobs);

  // The count comes after the page (a broad search counts slower than it pages); a count for another filter is
  // not shown. The table is remounted for each page (its key), so the selection starts empty on each.
  useEffect(() => {
    let stop = false;
    requestJson<{ count: number | null }>(`/api/admin/items/count?${countQuery}`)
      .then((r) => !stop && setCounted({ query: countQuery, count: r.count, error: null }))
      .catch((e) => !stop && setCounted({ query: countQuery, count: null, error: e instanceof Error ? e.message : String(e) }));
    return () => {
      stop = true;
    };
  }, [countQuery]);
  const count = counted.query === countQuery ? counted.count : null;
  const notCounted = counted.query === countQuery && counted.count === null && counted.error === null;
  const countError = counted.query === countQuery ? counted.error : null;

  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const togglePage = () => setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.id)));
  const target: Target = wholeFilter ? { kind: "filter", filter, count } : { kind: "ids", ids: [...selected] };

  return (
    <>
      <p className="mb-2 text-sm text-slate-700" data-testid="items-count">
        {countError ? `Could not count: ${countError}` : notCounted ? "Not counted (a search only of one- or two-character terms)" : count === null ? "Counting…" : `${count.toLocaleString("en")} matching item${count === 1 ? "" : "s"}`}
      </p>
      {isAdmin && (
        <div className="mb-3 space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3" data-testid="bulk-bar">
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span data-testid="selection-summary">
              {wholeFilter ? `All ${count?.toLocaleString("en") ?? "…"} items of this filter selected` : `${selected.size} selected on this page`}
            </span>
            {!wholeFilter && count !== null && count > 0 && (
              <button type="button" className="text-teal-800 underline" onClick={() => setWholeFilter(true)}>
                Select all {count.toLocaleString("en")} items of this filter
              </button>
            )}
            {(wholeFilter || selected.size > 0) && (
              <button type="button" className="text-slate-700 underline" onClick={() => { setWholeFilter(false); setSelected(new Set()); }}>
                Clear selection
              </button>
            )}
          </div>
          {(wholeFilter || selected.size > 0) && (
            <BulkPanel
              target={target}
              reviewers={reviewers}
              onDone={(r) => {
                setReport(r);
                router.refresh();
              }}
              onJob={(id) => setJobs((j) => [{ id, label: "Bulk action on the whole filter" }, ...j])}
            />
          )}
          {report && (
            <p className="text-sm text-emerald-800" role="status" data-testid="bulk-report">
              {report.items} item(s): {report.changed} changed, {report.skipped} left as they were{report.assignments !== undefined ? `, ${report.assignments} assignment(s) created` : ""}.
              {report.reasons.length > 0 && <span className="block text-xs text-slate-600">{report.reasons.slice(0, 5).join(" · ")}</span>}
            </p>
          )}
          {jobs.length > 0 && (
            <div className="space-y-1" aria-label="Bulk jobs">
              {jobs.map((j) => <JobProgress key={j.id} jobId={j.id} label={j.label} />)}
            </div>
          )}
        </div>
      )}
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="items-table">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            {isAdmin && (
              <th className="p-2">
                <input type="checkbox" aria-label="Select all on this page" checked={allOnPage} onChange={togglePage} disabled={wholeFilter} />
              </th>
            )}
            <th className="p-2">External id</th><th className="p-2">Task</th><th className="p-2">Lang</th><th className="p-2">Modality</th><th className="p-2">Levels</th>
            <th className="p-2">Source</th><th className="p-2">Versions</th><th className="p-2">Reviews</th><th className="p-2">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-100" data-testid="item-row">
              {isAdmin && (
                <td className="p-2">
                  <input type="checkbox" aria-label={`Select ${r.externalId}`} checked={wholeFilter || selected.has(r.id)} disabled={wholeFilter} onChange={() => toggle(r.id)} />
                </td>
              )}
              <td className="p-2 font-mono text-xs">
                <Link href={`/admin/items/${r.id}`} className="text-teal-800 underline">{r.externalId}</Link>
                {r.isGold && <span className="ml-1 rounded bg-amber-100 px-1 text-amber-900">gold</span>}
              </td>
              <td className="p-2"><TaskBadge type={r.taskType} /></td>
              <td className="p-2">{r.language}</td>
              <td className="p-2">{r.modality ?? "—"}</td>
              <td className="p-2"><LevelChips levels={r.levels} /></td>
              <td className="p-2 text-xs">{r.sourceType.replace(/_/g, " ")}</td>
              <td className="p-2 text-center">{r.versions}</td>
              <td className="p-2 text-center">{r.reviews}</td>
              <td className="p-2"><StatusBadge status={r.status} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
