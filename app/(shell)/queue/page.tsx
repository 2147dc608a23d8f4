import { PageHeader } from "@/components/ui/PageHeader";
import { LevelChips, StatusBadge, TaskBadge } from "@/components/ui/badges";
import { requirePageRole } from "@/lib/auth/session";
import { queueFor } from "@/lib/items/queries";

export const metadata = { title: "My queue" };

export default async function QueuePage() {
  const user = await requirePageRole("reviewer", "adjudicator", "admin");
  const rows = await queueFor(user.id);
  return (
    <>
      <PageHeader title="My queue" subtitle={`${rows.length} item${rows.length === 1 ? "" : "s"} assigned to you`} />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">Nothing is assigned to you right now.</p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="queue-table">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr><th className="p-2">Item</th><th className="p-2">Task</th><th className="p-2">Modality</th><th className="p-2">Levels</th><th className="p-2">Status</th></tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} className="border-t border-slate-100">
                <td className="p-2 font-mono text-xs">{a.item.externalId}</td>
                <td className="p-2"><TaskBadge type={a.item.taskType} /></td>
                <td className="p-2">{a.item.modality ?? "—"}</td>
                <td className="p-2"><LevelChips levels={a.item.levels.map((l) => l.level)} /></td>
                <td className="p-2"><StatusBadge status={a.item.status} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
