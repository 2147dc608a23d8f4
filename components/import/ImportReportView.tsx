// The import report: a status banner, what happened to the lines as one bar, refused files and bad lines as tables.
import { hypothetical } from "@/lib/import/report-text";
import type { ImportReport } from "@/lib/import/run";
import { visible } from "@/lib/import/visible-text";

const BANNER: Record<ImportReport["status"], { text: string; style: string }> = {
  completed: { text: "Import completed", style: "bg-emerald-50 text-emerald-900 border-emerald-200" },
  refused: { text: "Import refused: nothing was written. Fix the lines below, or tick “Import the valid lines”.", style: "bg-red-50 text-red-900 border-red-200" },
  dry_run: { text: "Dry run: everything was checked, nothing was written.", style: "bg-sky-50 text-sky-900 border-sky-200" },
  already_imported: { text: "This file was already imported: nothing to do.", style: "bg-slate-50 text-slate-800 border-slate-200" },
  no_changes: { text: "Nothing changed: every item and image is already in the database.", style: "bg-slate-50 text-slate-800 border-slate-200" },
  empty: { text: "The file has no items: nothing to import.", style: "bg-slate-50 text-slate-800 border-slate-200" },
};

export function ImportReportView({ report }: { report: ImportReport }) {
  const c = report.counts;
  // Nothing was committed for a refused batch or a dry run: say what would have happened.
  const would = hypothetical(report.status) ? "would be " : "";
  const segments = [
    { label: `${would}created`, n: c.created, color: "bg-emerald-500" },
    { label: `${would}updated`, n: c.updated, color: "bg-sky-500" },
    { label: "unchanged", n: c.unchanged, color: "bg-slate-300" },
    { label: "invalid", n: c.invalid, color: "bg-red-500" },
  ];
  const total = Math.max(1, segments.reduce((s, x) => s + x.n, 0));
  return (
    <section className="space-y-4" data-testid="import-report" data-status={report.status}>
      <p className={`rounded-md border px-3 py-2 text-sm font-medium ${BANNER[report.status].style}`}>{BANNER[report.status].text}</p>
      <div>
        <div className="flex h-4 w-full overflow-hidden rounded bg-slate-100" role="img" aria-label={segments.map((s) => `${s.n} ${s.label}`).join(", ")}>
          {segments.map((s) => s.n > 0 && <div key={s.label} className={s.color} style={{ width: `${(100 * s.n) / total}%` }} />)}
        </div>
        <p className="mt-1 flex flex-wrap gap-4 text-sm text-slate-700">
          {segments.map((s) => (
            <span key={s.label} className="flex items-center gap-1"><span className={`inline-block h-2.5 w-2.5 rounded-sm ${s.color}`} />{s.n.toLocaleString()} {s.label}</span>
          ))}
          <span>{c.versionsCreated.toLocaleString()} {would ? "versions would be written" : "versions"}</span>
          {c.images.files > 0 && <span>images: {c.images.accepted} accepted ({c.images.stripped} de-identified), {c.images.refused} refused</span>}
          {c.landmarks > 0 && <span>{c.landmarks} landmarks</span>}
          <span className="text-slate-500">{visible(report.file.name)} · {report.file.lines.toLocaleString()} lines · {report.seconds.toFixed(1)} s</span>
        </p>
      </div>
      {report.reReviewItems.length > 0 && (
        <p className="text-sm text-amber-900">{would ? "Would go back" : "Back"} in the review queue (new text on reviewed items): {report.reReviewItems.map(visible).join(", ")}</p>
      )}
      {report.refusedImages.length > 0 && (
        <div>
          <h3 className="mb-1 text-sm font-semibold">Refused image files</h3>
          <table className="w-full text-sm" data-testid="refused-images">
            <tbody>
              {report.refusedImages.map((f) => (
                <tr key={f.path} className="border-t border-slate-100"><td className="py-1 pr-3 font-mono text-xs">{visible(f.path)}</td><td className="py-1">{visible(f.reason)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.errorsTotal > 0 && (
        <div>
          <h3 className="mb-1 text-sm font-semibold">
            Problems ({report.errorsTotal.toLocaleString()}{report.errorsTotal > report.errors.length ? `, first ${report.errors.length} shown` : ""})
          </h3>
          <table className="w-full text-sm" data-testid="import-errors">
            <thead className="text-left text-slate-500"><tr><th className="pr-3">Line</th><th className="pr-3">Field</th><th>Problem</th></tr></thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={i} className="border-t border-slate-100"><td className="py-1 pr-3 tabular-nums">{e.line}</td><td className="py-1 pr-3 font-mono text-xs">{e.path ? visible(e.path) : "—"}</td><td className="py-1">{visible(e.message)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
