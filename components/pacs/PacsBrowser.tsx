"use client";
// Browse a PACS from the Import page: search studies by accession number, modality and date, tick the ones to
// attach to a case, and follow the import job that pulls them (the same gate and report as any import).
import { useState } from "react";
import type { StudySummary } from "@/lib/dicomweb/client";
import { attachStudiesSchema, studySearchSchema } from "@/lib/dicomweb/schemas";
import type { ImportReport } from "@/lib/import/run";
import type { JobView } from "@/lib/jobs";
import { callJson, requestJson } from "@/components/ui/requestJson";
import { ImportReportView } from "@/components/import/ImportReportView";

const field = "mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm";
const dicomDate = (d: string | null) => (d && /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : (d ?? "—"));

type Stage = { kind: "idle" } | { kind: "running"; job: JobView | null } | { kind: "done"; report: ImportReport } | { kind: "error"; message: string };

export function PacsBrowser({ endpoints }: { endpoints: { id: string; name: string }[] }) {
  const [endpointId, setEndpointId] = useState(endpoints[0]?.id ?? "");
  const [studies, setStudies] = useState<StudySummary[] | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [searchError, setSearchError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: "idle" });

  async function onSearch(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setSearching(true);
    setSearchError(null);
    try {
      const input = studySearchSchema.parse({ endpointId, accessionNumber: f.get("accession"), modality: f.get("modality"), dateFrom: f.get("dateFrom"), dateTo: f.get("dateTo") });
      const r = await callJson<{ studies: StudySummary[] }>("/api/admin/pacs/search", "POST", input);
      setStudies(r.studies);
      setPicked(new Set());
    } catch (err) {
      setStudies(null);
      setSearchError(err instanceof Error ? err.message : String(err));
    } finally {
      setSearching(false);
    }
  }

  async function onAttach(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      const input = attachStudiesSchema.parse({ endpointId, caseExternalId: f.get("caseId"), studyInstanceUids: [...picked], policy: f.get("policy") });
      const { jobId } = await callJson<{ jobId: string }>("/api/admin/pacs/attach", "POST", input);
      setStage({ kind: "running", job: null });
      for (;;) {
        await new Promise((r) => setTimeout(r, 700));
        const { job } = await requestJson<{ job: JobView }>(`/api/admin/jobs/${jobId}`, { method: "GET" });
        if (job.status === "completed") return setStage({ kind: "done", report: job.result as ImportReport });
        if (job.status === "failed") return setStage({ kind: "error", message: `The import failed: ${job.error ?? "unknown error"}` });
        setStage({ kind: "running", job });
      }
    } catch (err) {
      setStage({ kind: "error", message: err instanceof Error ? err.message : String(err) });
    }
  }

  if (endpoints.length === 0) return <p className="text-sm text-slate-600">No PACS is configured yet.</p>;
  const toggle = (uid: string) => setPicked((p) => {
    const next = new Set(p);
    if (next.has(uid)) next.delete(uid);
    else next.add(uid);
    return next;
  });
  const running = stage.kind === "running";
  const progress = running ? stage.job?.progress : null;

  return (
    <div className="space-y-4">
      <form onSubmit={onSearch} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-6" aria-label="Search the PACS">
        <label className="block text-sm md:col-span-2">
          <span className="font-medium">PACS</span>
          <select value={endpointId} onChange={(e) => setEndpointId(e.currentTarget.value)} className={field} data-testid="pacs-endpoint">
            {endpoints.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
          </select>
        </label>
        <label className="block text-sm"><span className="font-medium">Accession</span><input name="accession" className={field} /></label>
        <label className="block text-sm"><span className="font-medium">Modality</span><input name="modality" className={field} placeholder="MR" /></label>
        <label className="block text-sm"><span className="font-medium">From</span><input name="dateFrom" type="date" className={field} /></label>
        <label className="block text-sm"><span className="font-medium">To</span><input name="dateTo" type="date" className={field} /></label>
        <div className="md:col-span-6"><button disabled={searching} className="rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white hover:bg-slate-900 disabled:opacity-50">Search the PACS</button></div>
      </form>
      {searchError && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="pacs-search-error">{searchError}</p>}
      {studies && (
        <form onSubmit={onAttach} className="space-y-3" aria-label="Attach studies to a case">
          <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="pacs-studies">
            <thead className="bg-slate-100 text-left text-slate-600">
              <tr><th className="p-2" /><th className="p-2">Date</th><th className="p-2">Accession</th><th className="p-2">Modalities</th><th className="p-2">Description</th><th className="p-2">Series / instances</th></tr>
            </thead>
            <tbody>
              {studies.length === 0 && <tr><td className="p-2 text-slate-500" colSpan={6}>No study matches.</td></tr>}
              {studies.map((s) => (
                <tr key={s.studyInstanceUid} className="border-t border-slate-100">
                  <td className="p-2"><input type="checkbox" aria-label={`Pick study ${s.accessionNumber ?? s.studyInstanceUid}`} checked={picked.has(s.studyInstanceUid)} onChange={() => toggle(s.studyInstanceUid)} /></td>
                  <td className="p-2 tabular-nums">{dicomDate(s.studyDate)}</td>
                  <td className="p-2">{s.accessionNumber ?? "—"}</td>
                  <td className="p-2">{s.modalities.join(", ") || "—"}</td>
                  <td className="p-2">{s.description ?? "—"}</td>
                  <td className="p-2 tabular-nums">{s.series ?? "?"} / {s.instances ?? "?"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {studies.length > 0 && (
            <div className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <label className="block"><span className="font-medium">Case id</span><input name="caseId" required className={field} placeholder="case-0042 (no patient identifiers)" /></label>
              <fieldset>
                <legend className="font-medium">Files with patient identity</legend>
                <label className="mr-3"><input type="radio" name="policy" value="refuse" defaultChecked /> Refuse</label>
                <label><input type="radio" name="policy" value="strip" /> Strip</label>
              </fieldset>
              <button disabled={picked.size === 0 || running} className="rounded-md bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800 disabled:opacity-50">
                Attach {picked.size || ""} stud{picked.size === 1 ? "y" : "ies"} to the case
              </button>
            </div>
          )}
        </form>
      )}
      {running && (
        <p className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="pacs-progress">
          {progress ? `Fetching and checking instances: ${progress.done} of ${progress.total}` : "Starting the import…"}
        </p>
      )}
      {stage.kind === "error" && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="pacs-attach-error">{stage.message}</p>}
      {stage.kind === "done" && <ImportReportView report={stage.report} />}
    </div>
  );
}
