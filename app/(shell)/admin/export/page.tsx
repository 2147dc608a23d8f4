import { ExportPanel } from "@/components/export/ExportPanel";
import { SnapshotList } from "@/components/export/SnapshotList";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePageRole } from "@/lib/auth/session";
import { listSnapshots } from "@/lib/export/queries";
import { proposedName } from "@/lib/export/store";

export const metadata = { title: "Export" };
export const dynamic = "force-dynamic";

export default async function ExportPage() {
  await requirePageRole("admin");
  const snapshots = await listSnapshots();
  return (
    <>
      <PageHeader title="Export" subtitle="Versioned snapshots of approved and adjudicated items, with a manifest of hashes. npm run export does the same from a shell." />
      <ExportPanel proposedName={proposedName()} />
      <h2 className="mb-2 mt-10 text-sm font-semibold uppercase tracking-wide text-slate-500">Snapshots</h2>
      <SnapshotList snapshots={snapshots} />
    </>
  );
}
