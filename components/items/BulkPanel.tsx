"use client";
// The bulk action form: one action, its few inputs, checked with the same schema the server uses, sent for the
// selected ids or for the whole filter.
import { useState } from "react";
import { BULK_ACTIONS, BULK_ACTION_LABELS, bulkRequestSchema, type BulkActionName, type BulkReport } from "@/lib/bulk/schemas";
import type { BrowseFilter } from "@/lib/browse/filters";
import { callJson } from "@/components/ui/requestJson";

export type Target = { kind: "ids"; ids: string[] } | { kind: "filter"; filter: BrowseFilter; count: number | null };

export function BulkPanel({ target, reviewers, onDone, onJob }: { target: Target; reviewers: { email: string; label: string }[]; onDone: (r: BulkReport) => void; onJob: (jobId: string) => void }) {
  const [action, setAction] = useState<BulkActionName>("assign");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    const body = {
      action: {
        action,
        ...(action === "assign" ? { reviewers: f.getAll("reviewers").map(String), dueDays: text("dueDays") || 14 } : {}),
        ...(action === "gold" ? { expected: text("expected") || "accept" } : {}),
        ...(action === "send_back" ? { note: text("note") } : {}),
        ...(action === "required_reviews" ? { requiredReviews: text("requiredReviews") } : {}),
      },
      selection: target.kind === "ids" ? { kind: "ids", ids: target.ids } : { kind: "filter", filter: target.filter },
    };
    const parsed = bulkRequestSchema.safeParse(body);
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join("; "));
    if (target.kind === "filter" && !window.confirm(`${BULK_ACTION_LABELS[action]} for all ${target.count?.toLocaleString("en") ?? "matching"} items of this filter?`)) return;
    setBusy(true);
    try {
      const r = await callJson<{ report?: BulkReport; jobId?: string }>("/api/admin/items/bulk", "POST", parsed.data);
      if (r.jobId) onJob(r.jobId);
      else if (r.report) onDone(r.report);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const input = "rounded border border-slate-300 bg-white px-2 py-1";
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2 text-sm" aria-label="Bulk action form">
      <label className="flex flex-col gap-0.5 text-xs text-slate-600">
        Action
        <select value={action} onChange={(e) => setAction(e.target.value as BulkActionName)} className={input} aria-label="Bulk action">
          {BULK_ACTIONS.map((a) => <option key={a} value={a}>{BULK_ACTION_LABELS[a]}</option>)}
        </select>
      </label>
      {action === "assign" && (
        <>
          <fieldset className="flex max-w-xl flex-wrap gap-x-3 gap-y-1 text-xs" aria-label="Reviewers">
            {reviewers.map((r) => (
              <label key={r.email} className="flex items-center gap-1">
                <input type="checkbox" name="reviewers" value={r.email} /> {r.label}
              </label>
            ))}
          </fieldset>
          <label className="flex flex-col gap-0.5 text-xs text-slate-600">
            Due in days
            <input name="dueDays" type="number" min={1} max={365} defaultValue={14} className={`${input} w-20`} />
          </label>
        </>
      )}
      {action === "gold" && (
        <label className="flex flex-col gap-0.5 text-xs text-slate-600">
          Expected outcome
          <select name="expected" className={input} defaultValue="accept">
            <option value="accept">accept, every level as it stands</option>
            <option value="reject">reject</option>
          </select>
        </label>
      )}
      {action === "send_back" && (
        <label className="flex flex-1 flex-col gap-0.5 text-xs text-slate-600">
          Note for the reviewers
          <input name="note" className={input} aria-label="Send-back note" />
        </label>
      )}
      {action === "required_reviews" && (
        <label className="flex flex-col gap-0.5 text-xs text-slate-600">
          Required reviews
          <input name="requiredReviews" type="number" min={1} max={5} defaultValue={2} className={`${input} w-20`} aria-label="Required reviews" />
        </label>
      )}
      <button disabled={busy} className="rounded bg-teal-700 px-3 py-1.5 text-white disabled:opacity-50">
        {busy ? "Working…" : target.kind === "ids" ? `Apply to ${target.ids.length} selected` : `Apply to the whole filter${target.count !== null ? ` (${target.count.toLocaleString("en")})` : ""}`}
      </button>
      {error && <p className="w-full text-sm text-red-700" role="alert">{error}</p>}
    </form>
  );
}
