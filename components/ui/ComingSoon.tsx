// A page whose feature has not shipped yet says so plainly instead of pretending.
export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="coming-soon">
      <p className="text-xs font-semibold uppercase tracking-wide text-amber-700">Coming</p>
      <h1 className="mt-2 text-xl font-semibold">{title}</h1>
      <p className="mx-auto mt-2 max-w-prose text-slate-600">{what}</p>
    </div>
  );
}
