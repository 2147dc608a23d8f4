import Link from "next/link";
import { FilterBar } from "@/components/items/FilterBar";
import { ItemsTable } from "@/components/items/ItemsTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePageRole } from "@/lib/auth/session";
import { browseFilterSchema, browseQuerySchema, filterParams, FILTER_KEYS, type BrowseFilter } from "@/lib/browse/filters";
import { browseItems } from "@/lib/browse/list";
import { browseOptions } from "@/lib/browse/options";
import { recentBulkJobs } from "@/lib/bulk/launch";

export const metadata = { title: "Items" };

type Params = Record<string, string | string[] | undefined>;

function single(p: Params): Record<string, string> {
  return Object.fromEntries(Object.entries(p).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : Array.isArray(v) && v[0] ? [[k, v[0]]] : [])));
}

export default async function ItemsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requirePageRole("admin", "adjudicator");
  const raw = single(await searchParams);
  // The search is the one input that can be refused (too long): the page says so and lists nothing.
  const parsed = browseQuerySchema.safeParse(raw);
  const searchError = parsed.success ? null : (parsed.error.issues[0]?.message ?? "The search is not valid.");
  const q = parsed.success ? parsed.data : browseQuerySchema.parse({ ...raw, q: undefined });
  const filter: BrowseFilter = browseFilterSchema.parse(Object.fromEntries(FILTER_KEYS.map((k) => [k, q[k]])));
  const [page, options, jobs] = await Promise.all([
    searchError ? null : browseItems(filter, q.sort ?? "externalId", q.cursor),
    browseOptions(),
    user.role === "admin" ? recentBulkJobs() : Promise.resolve([]),
  ]);
  const base = { ...filter, sort: q.sort };
  const nextHref = page?.next ? `?${filterParams({ ...base, cursor: page.next }).toString()}` : null;
  return (
    <>
      <PageHeader title="Items" subtitle="Search, filter and act on items in bulk." />
      <FilterBar q={{ ...q, rawQ: searchError ? raw.q : undefined }} options={options} />
      {searchError && <p className="mb-4 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" role="alert" data-testid="search-error">{searchError}</p>}
      {page?.impossible && <p className="mb-4 rounded border border-slate-300 bg-slate-50 p-2 text-sm text-slate-700" data-testid="filter-note">No items: {page.impossible}.</p>}
      {page?.scanned && <p className="mb-4 rounded border border-sky-200 bg-sky-50 p-2 text-sm text-sky-900" data-testid="scan-note">{page.scanned}</p>}
      {page && (
        <>
          <ItemsTable
            key={`${filterParams(filter).toString()}|${q.cursor ?? ""}`}
            rows={page.rows}
            filter={filter}
            countQuery={filterParams(filter).toString()}
            isAdmin={user.role === "admin"}
            reviewers={options.reviewers.map((r) => ({ email: r.email, label: r.label }))}
            jobs={jobs.map((j) => ({ id: j.id, label: j.message }))}
          />
          {page.rows.length === 0 && !page.impossible && <p className="mt-3 text-sm text-slate-600" data-testid="no-items">No items match.</p>}
          <nav className="mt-4 flex items-center gap-4 text-sm" aria-label="Pages">
            {q.cursor && <Link className="text-teal-700 underline" href={`?${filterParams(base).toString()}`}>First page</Link>}
            {nextHref ? <Link className="text-teal-700 underline" href={nextHref} data-testid="next-page">Next page</Link> : <span className="text-slate-500">Last page</span>}
          </nav>
        </>
      )}
    </>
  );
}
