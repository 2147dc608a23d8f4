// An item's audit events as a table; the before/after values are shown as JSON text (never as markup).
import type { AuditRow } from "@/lib/browse/audit-history";

const when = (iso: string) => iso.slice(0, 19).replace("T", " ");

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-slate-400">—</span>;
  const text = JSON.stringify(value);
  return <code className="block max-w-md truncate text-xs" title={text.slice(0, 2000)}>{text.length > 300 ? `${text.slice(0, 300)}…` : text}</code>;
}

export function AuditHistory({ rows, more }: { rows: AuditRow[]; more: boolean }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No events yet.</p>;
  return (
    <>
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="audit-table">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr><th className="p-2">#</th><th className="p-2">When (UTC)</th><th className="p-2">Action</th><th className="p-2">By</th><th className="p-2">Before</th><th className="p-2">After</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq} className="border-t border-slate-100 align-top">
              <td className="p-2 tabular-nums text-xs">{r.seq}</td>
              <td className="p-2 tabular-nums text-xs">{when(r.at)}</td>
              <td className="p-2 font-mono text-xs">{r.action}</td>
              <td className="p-2">{r.actorName ?? "system"}</td>
              <td className="p-2"><Json value={r.before} /></td>
              <td className="p-2"><Json value={r.after} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && <p className="mt-1 text-xs text-slate-600">Older events are not shown; `npm run audit:verify` checks the whole chain.</p>}
    </>
  );
}
