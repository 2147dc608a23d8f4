"use client";
// Hand out review slots by filter: choose reviewers and a filter, start the job, follow its progress, read the
// report (how many items, how many assignments, per reviewer).
import { useState } from "react";
import { assignSchema } from "@/lib/assignments/schemas";
import type { JobView } from "@/lib/jobs";
import { TASK_TYPES } from "@/lib/items/content";
import { callJson, requestJson } from "@/components/ui/requestJson";

interface Reviewer {
  id: string;
  email: string;
  name: string;
  role: string;
  open: number;
}

interface Report {
  itemsConsidered: number;
  assignmentsCreated: number;
  itemsFullyAssigned: number;
  perReviewer: Record<string, number>;
}

type Stage = { kind: "idle" } | { kind: "running"; job: JobView | null } | { kind: "done"; report: Report } | { kind: "error"; message: string };

export function AssignPanel({ reviewers, batches }: { reviewers: Reviewer[]; batches: { id: string; label: string }[] }) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [stage, setStage] = useState<Stage>({ kind: "idle" });

  function toggle(email: string) {
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(email)) next.delete(email);
      else next.add(email);
      return next;
    });
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => {
      const v = String(f.get(k) ?? "").trim();
      return v === "" ? undefined : v;
    };
    const parsed = assignSchema.safeParse({
      reviewers: [...chosen],
      taskType: text("taskType"),
      modality: text("modality"),
      level: text("level"),
      batchId: text("batchId"),
      limit: text("limit"),
      dueDays: text("dueDays"),
    });
    if (!parsed.success) return setStage({ kind: "error", message: parsed.error.issues.map((i) => i.message).join("; ") });
    try {
      const { jobId } = await callJson<{ jobId: string }>("/api/admin/assignments", "POST", parsed.data);
      setStage({ kind: "running", job: null });
      for (;;) {
        await new Promise((r) => setTimeout(r, 600));
        const { job } = await requestJson<{ job: JobView }>(`/api/admin/jobs/${jobId}`);
        if (job.status === "completed") return setStage({ kind: "done", report: job.result as Report });
        if (job.status === "failed") return setStage({ kind: "error", message: `Assigning failed: ${job.error ?? "unknown error"}. Chunks already written stay assigned; run it again to continue.` });
        if (job.stalled) return setStage({ kind: "error", message: "The job stopped without finishing (the server may have restarted). Run it again: it continues with the items still open." });
        setStage({ kind: "running", job });
      }
    } catch (err) {
      setStage({ kind: "error", message: err instanceof Error ? err.message : String(err) });
    }
  }

  const running = stage.kind === "running";
  const p = running ? stage.job?.progress : null;
  const pct = p && p.total ? Math.min(1, p.done / p.total) : 0;

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="grid gap-5 rounded-lg border border-slate-200 bg-white p-5 md:grid-cols-2" aria-label="Assign items">
        <fieldset className="md:col-span-2">
          <legend className="text-sm font-medium">Reviewers ({chosen.size} chosen)</legend>
          <div className="mt-2 grid gap-1 sm:grid-cols-2 lg:grid-cols-3" data-testid="assign-reviewers">
            {reviewers.map((r) => (
              <label key={r.id} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
                <input type="checkbox" checked={chosen.has(r.email)} onChange={() => toggle(r.email)} />
                <span>{r.name}</span>
                <span className="text-xs text-slate-500">{r.role === "adjudicator" ? "adjudicator · " : ""}{r.open} open</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="text-sm">
          <span className="font-medium">Import batch</span>
          <select name="batchId" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5">
            <option value="">All batches</option>
            {batches.map((b) => <option key={b.id} value={b.id}>{b.label}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="font-medium">Task type</span>
          <select name="taskType" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5">
            <option value="">All task types</option>
            {TASK_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="font-medium">Modality</span>
          <select name="modality" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5">
            <option value="">Any</option>
            <option value="XR">XR</option>
            <option value="CT">CT</option>
            <option value="MR">MR</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="font-medium">Level</span>
          <input name="level" placeholder="e.g. L4/L5" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="text-sm">
          <span className="font-medium">At most this many items</span>
          <input name="limit" inputMode="numeric" placeholder="all" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="text-sm">
          <span className="font-medium">Due in (days)</span>
          <input name="dueDays" inputMode="numeric" defaultValue="14" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <div className="md:col-span-2">
          <button disabled={running} className="rounded-md bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800 disabled:opacity-50" data-testid="assign-submit">
            Assign
          </button>
        </div>
      </form>

      {running && (
        <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="assign-progress">
          <p className="text-sm font-medium">{p ? `Assigning: ${p.done.toLocaleString("en")} of ${p.total.toLocaleString("en")} items looked at` : "Starting…"}</p>
          <div className="mt-2 h-2 w-full overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuenow={Math.round(pct * 100)} aria-valuemin={0} aria-valuemax={100}>
            <div className="h-full bg-teal-600 transition-all" style={{ width: `${Math.round(pct * 100)}%` }} />
          </div>
        </div>
      )}
      {stage.kind === "error" && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="assign-error">{stage.message}</p>}
      {stage.kind === "done" && (
        <div className="rounded-lg border border-teal-200 bg-teal-50 p-4 text-sm" data-testid="assign-report">
          <p className="font-medium">
            {stage.report.itemsConsidered.toLocaleString("en")} items considered, {stage.report.assignmentsCreated.toLocaleString("en")} assignments created,{" "}
            {stage.report.itemsFullyAssigned.toLocaleString("en")} items have all their reviewers.
          </p>
          <ul className="mt-2 list-inside list-disc">
            {Object.entries(stage.report.perReviewer).map(([email, n]) => (
              <li key={email}>{email}: {n.toLocaleString("en")}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
