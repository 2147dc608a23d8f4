// The snapshots, newest first: status, counts, and the manifest (filters, counts per split, task type, level and
// modality, files) behind a disclosure; complete ones have their archive to download.
import type { SnapshotView } from "@/lib/export/queries";

const mb = (n: number) => `${(n / 1_048_576).toFixed(n < 10_485_760 ? 2 : 0)} MB`;

function Counts({ title, counts }: { title: string; counts: Record<string, number> }) {
  return (
    <div>
      <h4 className="font-medium">{title}</h4>
      <ul className="text-xs tabular-nums">
        {Object.entries(counts).map(([k, v]) => (
          <li key={k}>{k}: {v.toLocaleString()}</li>
        ))}
      </ul>
    </div>
  );
}

export function SnapshotList({ snapshots }: { snapshots: SnapshotView[] }) {
  if (snapshots.length === 0) return <p className="text-sm text-slate-600">No snapshots yet.</p>;
  return (
    <ul className="flex flex-col gap-3" data-testid="snapshots">
      {snapshots.map((s) => (
        <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="snapshot" data-name={s.name} data-status={s.status}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div>
              <span className="font-semibold">{s.name}</span> <span className="text-slate-500">· {s.status}</span> <span className="text-slate-500">· {s.createdAt.replace("T", " ").slice(0, 16)} UTC</span>
              {s.createdBy && <span className="text-slate-500"> · {s.createdBy}</span>}
            </div>
            {s.status === "complete" && (
              <a href={`/api/admin/exports/${s.id}/archive`} download className="rounded-md border border-teal-700 px-3 py-1 font-medium text-teal-800 hover:bg-teal-50" data-testid="download-archive">
                Download archive{s.archiveBytes ? ` (${mb(s.archiveBytes)})` : ""}
              </a>
            )}
          </div>
          {s.error && <p className="mt-1 text-red-800">{s.error}</p>}
          {s.manifest && (
            <details className="mt-2">
              <summary className="cursor-pointer text-slate-700">
                Manifest: {s.manifest.counts.items.toLocaleString()} items, {s.manifest.files.toLocaleString()} files, {mb(s.manifest.bytes)}, app {s.manifest.app.version}
              </summary>
              <div className="mt-2 grid gap-3 md:grid-cols-5" data-testid="manifest">
                <Counts title="Splits" counts={s.manifest.counts.split} />
                <Counts title="Task types" counts={s.manifest.counts.taskType} />
                <Counts title="Modalities" counts={s.manifest.counts.modality} />
                <Counts title="Levels" counts={s.manifest.counts.level} />
                <Counts title="Files" counts={s.manifest.counts.files} />
              </div>
              <h4 className="mt-2 font-medium">Definition</h4>
              <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(s.manifest.definition, null, 2)}</pre>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
