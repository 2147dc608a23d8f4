"use client";
// A bulk job's progress bar, polled from the job's own route: it keeps showing after the page is left and
// opened again, since the job lives in the database, not in this page.
import { useEffect, useState } from "react";
import type { JobView } from "@/lib/jobs";
import type { BulkReport } from "@/lib/bulk/schemas";
import { requestJson } from "@/components/ui/requestJson";

export function JobProgress({ jobId, label }: { jobId: string; label: string }) {
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stop = false;
    const tick = async () => {
      try {
        const { job } = await requestJson<{ job: JobView }>(`/api/admin/jobs/${jobId}`);
        if (stop) return;
        setJob(job);
        if (job.status === "completed" || job.status === "failed") return;
      } catch (e) {
        if (!stop) setError(e instanceof Error ? e.message : String(e));
      }
      if (!stop) setTimeout(tick, 700);
    };
    void tick();
    return () => {
      stop = true;
    };
  }, [jobId]);
  const p = job?.progress;
  const pct = p && p.total ? Math.min(1, p.done / p.total) : 0;
  const report = job?.status === "completed" ? (job.result as BulkReport | null) : null;
  return (
    <div className="rounded border border-slate-200 bg-white p-2 text-sm" data-testid="bulk-job" data-status={job?.status ?? "loading"}>
      <div className="flex justify-between gap-2">
        <span>{label}</span>
        <span className="text-xs text-slate-600" data-testid="bulk-job-status">{job ? job.status : "…"}</span>
      </div>
      {job && (job.status === "running" || job.status === "queued") && (
        <div className="mt-1">
          <div className="h-2 w-full overflow-hidden rounded bg-slate-100" role="progressbar" aria-label={`${label} progress`} aria-valuemin={0} aria-valuemax={p?.total || 0} aria-valuenow={p?.done ?? 0}>
            <div className="h-2 bg-teal-600 transition-all" style={{ width: `${Math.round(pct * 100)}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-600" data-testid="bulk-job-progress">
            {p ? `${p.phase}: ${p.done.toLocaleString("en")}${p.total ? ` of ${p.total.toLocaleString("en")}` : ""}` : "starting…"}
          </p>
        </div>
      )}
      {report && (
        <p className="mt-1 text-xs text-slate-700" data-testid="bulk-job-report">
          {report.items.toLocaleString("en")} item(s): {report.changed.toLocaleString("en")} changed, {report.skipped.toLocaleString("en")} left as they were
          {report.assignments !== undefined && `, ${report.assignments.toLocaleString("en")} assignment(s)`}.
        </p>
      )}
      {job?.status === "failed" && <p className="mt-1 text-xs text-red-700">Failed: {job.error}</p>}
      {error && <p className="mt-1 text-xs text-red-700">{error}</p>}
    </div>
  );
}
