// A dashboard chart's frame: title, what it shows, its CSV download, and a clear empty state instead of an empty plot.
export function ChartCard({
  id,
  title,
  note,
  csvHref,
  empty,
  emptyText = "Nothing to show yet for these filters.",
  children,
}: {
  id: string;
  title: string;
  note?: string;
  csvHref: string;
  empty: boolean;
  emptyText?: string;
  children: React.ReactNode;
}) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4" data-testid={`chart-${id}`} aria-labelledby={`chart-${id}-title`}>
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={`chart-${id}-title`} className="text-sm font-semibold text-slate-800">
            {title}
          </h3>
          {note && <p className="text-xs text-slate-500">{note}</p>}
        </div>
        {!empty && (
          <a href={csvHref} className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50" data-testid={`csv-${id}`} download>
            CSV
          </a>
        )}
      </div>
      {empty ? (
        <p className="rounded-lg border border-dashed border-slate-200 p-6 text-center text-sm text-slate-500" data-testid={`empty-${id}`}>
          {emptyText}
        </p>
      ) : (
        children
      )}
    </section>
  );
}
