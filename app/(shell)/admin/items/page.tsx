import Link from "next/link";
import { z } from "zod";
import { PageHeader } from "@/components/ui/PageHeader";
import { LevelChips, StatusBadge, TaskBadge } from "@/components/ui/badges";
import { countByTaskType, listItems } from "@/lib/items/queries";
import { ITEM_STATUSES, statusLabel } from "@/lib/review/lifecycle";
import { requirePageRole } from "@/lib/auth/session";

export const metadata = { title: "Items" };

const filterSchema = z.object({
  taskType: z.enum(["mcq", "open_qa", "consultation", "report"]).optional().catch(undefined),
  status: z.enum(ITEM_STATUSES).optional().catch(undefined),
  level: z.string().max(20).optional().catch(undefined),
  search: z.string().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export default async function ItemsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole("admin");
  const f = filterSchema.parse(await searchParams);
  const [list, counts] = await Promise.all([listItems(f, f.page), countByTaskType()]);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const qs = (page: number) => {
    const p = new URLSearchParams(Object.entries({ ...f, page: String(page) }).filter(([, v]) => v) as [string, string][]);
    return `?${p.toString()}`;
  };
  return (
    <>
      <PageHeader title="Items" subtitle={`${list.total.toLocaleString()} matching · MCQ ${counts.mcq ?? 0} · Open QA ${counts.open_qa ?? 0} · Consultation ${counts.consultation ?? 0} · Report ${counts.report ?? 0}`} />
      <form className="mb-4 flex flex-wrap items-end gap-2 text-sm" method="get">
        <select name="taskType" defaultValue={f.taskType ?? ""} className="rounded border border-slate-300 bg-white px-2 py-1" aria-label="Task type">
          <option value="">All task types</option><option value="mcq">MCQ</option><option value="open_qa">Open QA</option>
          <option value="consultation">Consultation</option><option value="report">Report</option>
        </select>
        <select name="status" defaultValue={f.status ?? ""} className="rounded border border-slate-300 bg-white px-2 py-1" aria-label="Status">
          <option value="">All statuses</option>
          {ITEM_STATUSES.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
        </select>
        <input name="level" defaultValue={f.level ?? ""} placeholder="Level, e.g. L4/L5" className="w-32 rounded border border-slate-300 px-2 py-1" aria-label="Level" />
        <input name="search" defaultValue={f.search ?? ""} placeholder="External id" className="w-48 rounded border border-slate-300 px-2 py-1" aria-label="External id" />
        <button className="rounded bg-slate-800 px-3 py-1 text-white">Filter</button>
      </form>
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="items-table">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr><th className="p-2">External id</th><th className="p-2">Task</th><th className="p-2">Lang</th><th className="p-2">Modality</th><th className="p-2">Levels</th><th className="p-2">Source</th><th className="p-2">Versions</th><th className="p-2">Images</th><th className="p-2">Status</th></tr>
        </thead>
        <tbody>
          {list.rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-100">
              <td className="p-2 font-mono text-xs"><Link href={`/admin/items/${r.id}`} className="text-teal-800 underline">{r.externalId}</Link></td>
              <td className="p-2"><TaskBadge type={r.taskType} /></td>
              <td className="p-2">{r.language}</td>
              <td className="p-2">{r.modality ?? "—"}</td>
              <td className="p-2"><LevelChips levels={r.levels.map((l) => l.level)} /></td>
              <td className="p-2 text-xs">{r.sourceType.replace("_", " ")}</td>
              <td className="p-2 text-center">{r._count.versions}</td>
              <td className="p-2 text-center">{r._count.images}</td>
              <td className="p-2"><StatusBadge status={r.status} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="mt-4 flex items-center gap-3 text-sm" aria-label="Pages">
        {f.page > 1 && <Link className="text-teal-700 underline" href={qs(f.page - 1)}>Previous</Link>}
        <span className="text-slate-600">Page {f.page} of {pages}</span>
        {f.page < pages && <Link className="text-teal-700 underline" href={qs(f.page + 1)}>Next</Link>}
      </nav>
    </>
  );
}
