import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePageRole } from "@/lib/auth/session";
import { listCases } from "@/lib/images/queries";

export const metadata = { title: "Cases" };

const PAGE_SIZE = 50;

export default async function CasesPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  await requirePageRole("admin", "adjudicator");
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 200) : "";
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const { rows, total } = await listCases({ search: q, page, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (p: number) => `/cases?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;

  return (
    <>
      <PageHeader
        title="Cases"
        subtitle={`${total} case${total === 1 ? "" : "s"} with images${q ? ` matching “${q}”` : ""}`}
        actions={
          <form className="flex gap-2" role="search">
            <label htmlFor="case-search" className="sr-only">
              Case identifier
            </label>
            <input id="case-search" name="q" defaultValue={q} placeholder="Case identifier" className="rounded border border-slate-300 bg-white px-2 py-1 text-sm" />
            <button type="submit" className="rounded bg-teal-700 px-3 py-1 text-sm font-medium text-white hover:bg-teal-800">
              Search
            </button>
          </form>
        }
      />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">{q ? "No case matches." : "No cases yet. Import items with images to create them."}</p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="cases-table">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              <th className="p-2">Case</th>
              <th className="p-2">Series</th>
              <th className="p-2 text-right">Images</th>
              <th className="p-2 text-right">Landmarks</th>
              <th className="p-2 text-right">Items</th>
              <th className="p-2">Imported</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} className="border-t border-slate-100">
                <td className="p-2 font-mono text-xs">
                  <Link href={`/cases/${encodeURIComponent(c.externalId)}`} className="text-teal-800 hover:underline">
                    {c.externalId}
                  </Link>
                </td>
                <td className="p-2">
                  <span className="flex flex-wrap gap-1">
                    {c.series.map((s, i) => (
                      <span key={i} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                        {s.label} <span className="text-slate-500">{s.images}</span>
                      </span>
                    ))}
                  </span>
                </td>
                <td className="p-2 text-right tabular-nums">{c.imageCount}</td>
                <td className="p-2 text-right tabular-nums">{c.landmarkCount}</td>
                <td className="p-2 text-right tabular-nums">{c.itemCount}</td>
                <td className="p-2 text-xs text-slate-500">{c.createdAt.toISOString().slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav className="mt-4 flex items-center gap-3 text-sm" aria-label="Pages">
          {page > 1 && <Link href={href(page - 1)} className="text-teal-800 hover:underline">← Previous</Link>}
          <span className="text-slate-600">
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={href(page + 1)} className="text-teal-800 hover:underline">Next →</Link>}
        </nav>
      )}
    </>
  );
}
