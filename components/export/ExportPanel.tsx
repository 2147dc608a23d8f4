"use client";
// Create a snapshot: formats, filters, splits and image options; the export runs on the server as a job and this
// panel follows its progress, then refreshes the list of snapshots.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { EXPORT_FORMATS, FORMAT_LABELS, exportDefinitionSchema } from "@/lib/export/definition";
import { TASK_TYPES } from "@/lib/items/content";
import type { JobView } from "@/lib/jobs";
import { callJson, requestJson } from "@/components/ui/requestJson";

type Stage = { kind: "idle" } | { kind: "running"; name: string; job: JobView | null } | { kind: "done"; name: string } | { kind: "error"; message: string };

const PHASES: Record<string, string> = { select: "Selecting items", write: "Writing records and images", archive: "Hashing the files" };

const csv = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function ExportPanel({ proposedName }: { proposedName: string }) {
  const router = useRouter();
  const [stage, setStage] = useState<Stage>({ kind: "idle" });

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const parsed = exportDefinitionSchema.safeParse({
      name: String(f.get("name") || "") || undefined,
      formats: f.getAll("formats").map(String),
      filters: {
        statuses: f.getAll("statuses").map(String),
        taskTypes: f.getAll("taskTypes").map(String),
        levels: csv(f.get("levels")),
        modalities: csv(f.get("modalities")),
        sources: csv(f.get("sources")),
        languages: csv(f.get("languages")),
        importBatches: csv(f.get("importBatches")),
        decidedFrom: String(f.get("decidedFrom") || "") || null,
        decidedTo: String(f.get("decidedTo") || "") || null,
      },
      splits: { train: Number(f.get("train")), validation: Number(f.get("validation")), test: Number(f.get("test")) },
      seed: String(f.get("seed") || "spinemed"),
      preferenceForm: String(f.get("preferenceForm") || "swift"),
      maxSide: f.get("maxSide") ? Number(f.get("maxSide")) : null,
      includeDicom: f.get("includeDicom") === "on",
      skipUndecodable: f.get("skipUndecodable") === "on",
    });
    if (!parsed.success) return setStage({ kind: "error", message: parsed.error.issues.map((i) => i.message).join("; ") });
    try {
      const { jobId, name } = await callJson<{ jobId: string; name: string }>("/api/admin/exports", "POST", parsed.data);
      setStage({ kind: "running", name, job: null });
      for (;;) {
        await new Promise((r) => setTimeout(r, 600));
        const { job } = await requestJson<{ job: JobView }>(`/api/admin/jobs/${jobId}`);
        if (job.status === "completed") {
          setStage({ kind: "done", name });
          router.refresh();
          return;
        }
        if (job.status === "failed") {
          router.refresh();
          return setStage({ kind: "error", message: `The export failed: ${job.error ?? "unknown error"}` });
        }
        setStage({ kind: "running", name, job });
      }
    } catch (err) {
      setStage({ kind: "error", message: err instanceof Error ? err.message : String(err) });
    }
  }

  const busy = stage.kind === "running";
  const p = stage.kind === "running" ? stage.job?.progress : null;
  const pct = p && p.total ? Math.min(1, p.done / p.total) : 0;
  const box = "rounded-md border border-slate-300 px-2 py-1 text-sm";
  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onSubmit} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2" data-testid="export-form">
        <label className="flex flex-col gap-1 text-sm">
          Name
          <input name="name" defaultValue={proposedName} className={box} />
        </label>
        <fieldset className="text-sm">
          <legend className="font-medium">Formats</legend>
          {EXPORT_FORMATS.map((k) => (
            <label key={k} className="mr-3 inline-flex items-center gap-1">
              <input type="checkbox" name="formats" value={k} defaultChecked /> {FORMAT_LABELS[k]}
            </label>
          ))}
        </fieldset>
        <fieldset className="text-sm">
          <legend className="font-medium">Status (none ticked: both)</legend>
          <label className="mr-3"><input type="checkbox" name="statuses" value="approved" /> approved</label>
          <label><input type="checkbox" name="statuses" value="adjudicated" /> adjudicated</label>
        </fieldset>
        <fieldset className="text-sm">
          <legend className="font-medium">Task types (none ticked: all)</legend>
          {TASK_TYPES.map((t) => (
            <label key={t} className="mr-3"><input type="checkbox" name="taskTypes" value={t} /> {t}</label>
          ))}
        </fieldset>
        <label className="flex flex-col gap-1 text-sm">Levels (comma-separated, e.g. L4/L5, L5-S1)<input name="levels" className={box} /></label>
        <label className="flex flex-col gap-1 text-sm">Modalities (XR, CT, MR)<input name="modalities" className={box} /></label>
        <label className="flex flex-col gap-1 text-sm">Sources (textbook, hospital_case, …)<input name="sources" className={box} /></label>
        <label className="flex flex-col gap-1 text-sm">Languages (en, zh)<input name="languages" className={box} /></label>
        <label className="flex flex-col gap-1 text-sm">Import batches (ids)<input name="importBatches" className={box} /></label>
        <div className="flex gap-2 text-sm">
          <label className="flex flex-col gap-1">Decided from<input type="date" name="decidedFrom" className={box} /></label>
          <label className="flex flex-col gap-1">to<input type="date" name="decidedTo" className={box} /></label>
        </div>
        <div className="flex gap-2 text-sm">
          <label className="flex flex-col gap-1">Train<input name="train" type="number" step="0.01" min="0" max="1" defaultValue="0.8" className={`${box} w-20`} /></label>
          <label className="flex flex-col gap-1">Validation<input name="validation" type="number" step="0.01" min="0" max="1" defaultValue="0.1" className={`${box} w-20`} /></label>
          <label className="flex flex-col gap-1">Test<input name="test" type="number" step="0.01" min="0" max="1" defaultValue="0.1" className={`${box} w-20`} /></label>
          <label className="flex flex-col gap-1">Seed<input name="seed" defaultValue="spinemed" className={`${box} w-28`} /></label>
        </div>
        <div className="flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col gap-1">Preference form
            <select name="preferenceForm" defaultValue="swift" className={box}><option value="swift">ms-swift (rejected_response)</option><option value="trl">TRL (prompt/chosen/rejected)</option></select>
          </label>
          <label className="flex flex-col gap-1">Max side (px, empty: original)<input name="maxSide" type="number" min="16" className={`${box} w-28`} /></label>
          <label><input type="checkbox" name="skipUndecodable" /> Skip undecodable images (counted)</label>
          <label><input type="checkbox" name="includeDicom" /> Include de-identified DICOM</label>
        </div>
        <div className="md:col-span-2">
          <button disabled={busy} className="rounded-md bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800 disabled:opacity-50">Create snapshot</button>
        </div>
      </form>
      {busy && (
        <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="export-progress">
          <p className="text-sm font-medium">{p ? `${stage.name} — ${PHASES[p.phase] ?? p.phase}: ${p.done.toLocaleString()} of ${p.total.toLocaleString()}` : `${stage.name} — starting the export…`}</p>
          <div className="mt-2 h-2 w-full overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuenow={Math.round(pct * 100)} aria-valuemin={0} aria-valuemax={100}>
            <div className="h-full bg-teal-600 transition-all" style={{ width: `${Math.round(pct * 100)}%` }} />
          </div>
        </div>
      )}
      {stage.kind === "done" && <p role="status" className="rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-900" data-testid="export-done">Snapshot {stage.name} is complete.</p>}
      {stage.kind === "error" && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="export-error">{stage.message}</p>}
    </div>
  );
}
