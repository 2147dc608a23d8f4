import Link from "next/link";
import { GoldAccuracyCard } from "@/components/gold/GoldAccuracyCard";
import { NextItemButton } from "@/components/review/NextItemButton";
import { QueueTable } from "@/components/review/QueueTable";
import { firstRowNumber, queueHref, type QueueFilterParams } from "@/components/review/queue-links";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePageRole } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { reviewQueue, type QueuePage } from "@/lib/review";
import { ITEM_STATUSES, statusLabel } from "@/lib/review/lifecycle";
import { queueFilterSchema, queuePageSchema, type QueueFilter } from "@/lib/review/schemas";

export const metadata = { title: "My queue" };

const PAGE_SIZE = 50;

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageRole("reviewer", "adjudicator", "admin");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const { cursor, at, ...filterParams } = raw;
  const parsed = queueFilterSchema.safeParse(filterParams);
  const filters: QueueFilter = parsed.success ? parsed.data : {};
  const kept: QueueFilterParams = parsed.success ? filterParams : {};
  const filtered = Object.keys(kept).length > 0;
  const pageInput = queuePageSchema.safeParse({ cursor });
  let page: QueuePage | null = null;
  let pageError: string | null = pageInput.success ? null : "The page link is not valid.";
  if (pageInput.success) {
    try {
      page = await reviewQueue(user.id, filters, { cursor: pageInput.data.cursor, limit: PAGE_SIZE });
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      pageError = e.message;
    }
  }
  const first = page?.items.length && cursor ? firstRowNumber(at) : 1;
  const firstOpen = page?.items.find((i) => !i.reviewed);
  const total = page?.total ?? 0;
  return (
    <>
      <PageHeader
        title="My queue"
        subtitle={`${total} item${total === 1 ? "" : "s"} assigned to you${parsed.success ? "" : " · the filter was not understood and is ignored"}`}
        actions={
          <span className="flex items-start gap-2">
            <NextItemButton />
            {firstOpen && (
              <Link href={`/review/${firstOpen.itemId}`} data-testid="start-reviewing" className="rounded-md bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800">
                Start reviewing
              </Link>
            )}
          </span>
        }
      />
      <GoldAccuracyCard userId={user.id} />
      <form className="mb-4 flex flex-wrap items-end gap-2 text-sm" method="get" aria-label="Filter the queue">
        <select name="taskType" defaultValue={filters.taskType ?? ""} aria-label="Task type" className="rounded border border-slate-300 bg-white px-2 py-1">
          <option value="">All task types</option><option value="mcq">MCQ</option><option value="open_qa">Open QA</option>
          <option value="consultation">Consultation</option><option value="report">Report</option>
        </select>
        <select name="modality" defaultValue={filters.modality ?? ""} aria-label="Modality" className="rounded border border-slate-300 bg-white px-2 py-1">
          <option value="">All modalities</option><option value="XR">X-ray</option><option value="CT">CT</option><option value="MR">MR</option>
        </select>
        <select name="status" defaultValue={filters.status ?? ""} aria-label="Status" className="rounded border border-slate-300 bg-white px-2 py-1">
          <option value="">All statuses</option>
          {ITEM_STATUSES.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
        </select>
        <input name="level" defaultValue={filters.level ?? ""} placeholder="Level, e.g. L4-5" aria-label="Level" className="w-32 rounded border border-slate-300 px-2 py-1" />
        <button className="rounded bg-slate-800 px-3 py-1 text-white">Filter</button>
        {Object.keys(raw).length > 0 && <Link href="/queue" className="text-slate-600 underline">Clear</Link>}
      </form>
      {pageError ? (
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950" data-testid="queue-page-error">
          {pageError} <Link href={queueHref(kept)} className="underline">Go to the first page</Link>.
        </p>
      ) : !page || page.items.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600" data-testid="queue-empty">
          Nothing here{filtered ? " for this filter" : cursor ? " on this page" : ": nothing is assigned to you right now. Next item takes one from the shared pool"}.
        </p>
      ) : (
        <>
          <QueueTable rows={page.items} first={first} />
          <nav className="mt-3 flex items-center gap-4 text-sm" aria-label="Queue pages" data-testid="queue-pages">
            <span className="text-slate-600" data-testid="queue-range">
              {first}–{first + page.items.length - 1} of {total}
            </span>
            {cursor && <Link href={queueHref(kept)} className="text-teal-800 underline" data-testid="first-page">First page</Link>}
            {page.nextCursor && (
              <Link href={queueHref(kept, { cursor: page.nextCursor, at: first + page.items.length })} className="text-teal-800 underline" data-testid="next-page">
                Next page
              </Link>
            )}
          </nav>
        </>
      )}
    </>
  );
}
