"use client";
// Upload an items file and an image folder, start the import job, follow its progress, read its report.
// Files go up one by one as raw request bodies (no size limit of a form post); the job runs on the server.
import { useEffect, useRef, useState } from "react";
import type { ImportReport } from "@/lib/import/run";
import { startImportSchema } from "@/lib/import/schemas";
import { MAX_REQUIRED_REVIEWS } from "@/lib/review/lifecycle";
import type { JobView } from "@/lib/jobs";
import { requestJson as call } from "@/components/ui/requestJson";
import { ImportReportView } from "./ImportReportView";

type Stage =
  | { kind: "idle" }
  | { kind: "uploading"; done: number; total: number; label: string }
  | { kind: "running"; job: JobView | null }
  | { kind: "done"; report: ImportReport }
  | { kind: "error"; message: string };

const PHASES: Record<string, string> = { reading: "Reading the file", images: "Checking and storing images", items: "Validating and writing items", saving: "Saving" };

export function ImportPanel() {
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [folderCount, setFolderCount] = useState(0);
  const itemsRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // The folder picker is not a standard attribute in React's types.
    folderRef.current?.setAttribute("webkitdirectory", "");
  }, []);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const items = itemsRef.current?.files?.[0];
    if (!items) return setStage({ kind: "error", message: "Choose the items file (.jsonl)." });
    const images = Array.from(folderRef.current?.files ?? []);
    try {
      const { uploadId } = await call<{ uploadId: string }>("/api/admin/imports/uploads", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
      const input = startImportSchema.parse({ uploadId, policy: form.get("policy"), dryRun: form.get("dryRun") === "on", skipInvalid: form.get("skipInvalid") === "on", requiredReviews: Number(form.get("requiredReviews") || 1) });
      const total = images.length + 1;
      setStage({ kind: "uploading", done: 0, total, label: items.name });
      await call(`/api/admin/imports/uploads/${uploadId}/items?name=${encodeURIComponent(items.name)}`, { method: "PUT", body: items });
      let done = 1;
      setStage({ kind: "uploading", done, total, label: items.name });
      // The folder's own name is dropped: paths inside it start with the case folders.
      const queue = images.map((f) => ({ file: f, path: (f.webkitRelativePath || f.name).split("/").slice(1).join("/") || f.name }));
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          await call(`/api/admin/imports/uploads/${uploadId}/images?path=${encodeURIComponent(next.path)}`, { method: "PUT", body: next.file });
          done++;
          setStage({ kind: "uploading", done, total, label: next.path });
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      const { jobId } = await call<{ jobId: string }>("/api/admin/imports", { method: "POST", body: JSON.stringify(input), headers: { "content-type": "application/json" } });
      setStage({ kind: "running", job: null });
      for (;;) {
        await new Promise((r) => setTimeout(r, 700));
        const { job } = await call<{ job: JobView }>(`/api/admin/jobs/${jobId}`, { method: "GET" });
        if (job.status === "completed") return setStage({ kind: "done", report: job.result as ImportReport });
        if (job.status === "failed") return setStage({ kind: "error", message: `The import failed: ${job.error ?? "unknown error"}` });
        setStage({ kind: "running", job });
      }
    } catch (err) {
      setStage({ kind: "error", message: err instanceof Error ? err.message : String(err) });
    }
  }

  const busy = stage.kind === "uploading" || stage.kind === "running";
  const pct = stage.kind === "uploading" ? stage.done / stage.total : stage.kind === "running" && stage.job?.progress?.total ? stage.job.progress.done / stage.job.progress.total : 0;

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 md:grid-cols-2" aria-label="Import items">
        <label className="block text-sm">
          <span className="font-medium">Items file (JSON Lines)</span>
          <input ref={itemsRef} type="file" name="items" accept=".jsonl,.json,.txt,application/jsonl" className="mt-1 block w-full text-sm" data-testid="items-file" />
        </label>
        <label className="block text-sm">
          <span className="font-medium">Image folder (optional)</span>
          <input ref={folderRef} type="file" multiple className="mt-1 block w-full text-sm" data-testid="images-folder" onChange={(e) => setFolderCount(e.currentTarget.files?.length ?? 0)} />
          <span className="text-xs text-slate-500">{folderCount ? `${folderCount} files` : "DICOM, PNG, JPEG; top-level folders are cases; landmarks.jsonl is read if present"}</span>
        </label>
        <fieldset className="text-sm">
          <legend className="font-medium">DICOM files with patient identity</legend>
          <label className="mr-4"><input type="radio" name="policy" value="refuse" defaultChecked /> Refuse them</label>
          <label><input type="radio" name="policy" value="strip" /> Strip the identifying attributes</label>
        </fieldset>
        <label className="block text-sm">
          <span className="font-medium">Reviews required per item</span>
          <input type="number" name="requiredReviews" min={1} max={MAX_REQUIRED_REVIEWS} step={1} defaultValue={1} className="ml-2 w-16 rounded border border-slate-300 px-2 py-1" data-testid="required-reviews" />
          <span className="block text-xs text-slate-500">For lines that do not give requiredReviews</span>
        </label>
        <div className="flex flex-col gap-1 text-sm">
          <label><input type="checkbox" name="dryRun" /> Dry run (check everything, write nothing)</label>
          <label><input type="checkbox" name="skipInvalid" /> Import the valid lines even if some are invalid</label>
        </div>
        <div className="md:col-span-2">
          <button disabled={busy} className="rounded-md bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800 disabled:opacity-50">Start import</button>
        </div>
      </form>

      {busy && (
        <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="import-progress">
          <p className="text-sm font-medium">
            {stage.kind === "uploading" ? `Uploading ${stage.done} of ${stage.total} files — ${stage.label}` : stage.job?.progress ? `${PHASES[stage.job.progress.phase] ?? stage.job.progress.phase}: ${stage.job.progress.done.toLocaleString()} of ${stage.job.progress.total.toLocaleString()}` : "Starting the import…"}
          </p>
          <div className="mt-2 h-2 w-full overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuenow={Math.round(pct * 100)} aria-valuemin={0} aria-valuemax={100}>
            <div className="h-full bg-teal-600 transition-all" style={{ width: `${Math.round(pct * 100)}%` }} />
          </div>
        </div>
      )}
      {stage.kind === "error" && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="import-error">{stage.message}</p>}
      {stage.kind === "done" && <ImportReportView report={stage.report} />}
    </div>
  );
}
