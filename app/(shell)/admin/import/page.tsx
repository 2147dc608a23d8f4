import Link from "next/link";
import { ImportPanel } from "@/components/import/ImportPanel";
import { PacsBrowser } from "@/components/pacs/PacsBrowser";
import { listEndpoints } from "@/lib/dicomweb/endpoints";
import { PageHeader } from "@/components/ui/PageHeader";
import { recentBatches } from "@/lib/import/queries";
import { requirePageRole } from "@/lib/auth/session";

export const metadata = { title: "Import" };

export default async function ImportPage() {
  await requirePageRole("admin");
  const [batches, endpoints] = await Promise.all([recentBatches(), listEndpoints()]);
  return (
    <>
      <PageHeader title="Import" subtitle="LLM-drafted items (JSON Lines) and their images. For very large files, npm run import does the same from a shell." />
      <ImportPanel />
      <div className="mb-2 mt-10 flex items-baseline justify-between">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">From a PACS</h2>
        <Link href="/admin/pacs" className="text-sm text-teal-800 underline">Configure PACS endpoints</Link>
      </div>
      <PacsBrowser endpoints={endpoints.map((e) => ({ id: e.id, name: e.name }))} />
      <h2 className="mb-2 mt-10 text-sm font-semibold uppercase tracking-wide text-slate-500">Recent imports</h2>
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="recent-imports">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr><th className="p-2">When</th><th className="p-2">File</th><th className="p-2">By</th><th className="p-2">Policy</th><th className="p-2">Created</th><th className="p-2">Updated</th><th className="p-2">Images</th><th className="p-2">sha256</th></tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.id} className="border-t border-slate-100">
              <td className="p-2 tabular-nums">{b.startedAt.toISOString().replace("T", " ").slice(0, 16)}</td>
              <td className="p-2">{b.fileName}</td>
              <td className="p-2">{b.createdBy?.name ?? "command line"}</td>
              <td className="p-2">{b.policy}</td>
              <td className="p-2 tabular-nums">{b.counts?.created ?? 0}</td>
              <td className="p-2 tabular-nums">{b.counts?.updated ?? 0}</td>
              <td className="p-2 tabular-nums">{b.counts?.images?.newRows ?? 0}</td>
              <td className="p-2 font-mono text-xs">{b.fileSha256.slice(0, 12)}…</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
