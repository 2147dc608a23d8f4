"use client";
// The admin's gold form: the expected decision on the item and on each of its levels (accept, reject, or the level
// the claim belongs to), and a note. Saving marks the item gold; Remove unmarks it.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callJson } from "@/components/ui/requestJson";
import { goldSchema } from "@/lib/gold/schemas";

type Decision = "accept" | "edit" | "reject";
interface Expected { decision: Decision; correctedLevel: string | null }

interface Props {
  itemId: string;
  levels: string[];
  initial: { decision: Decision; levels: Record<string, Expected>; note: string | null } | null;
}

export function GoldForm({ itemId, levels, initial }: Props) {
  const router = useRouter();
  const [decision, setDecision] = useState<Decision>(initial?.decision ?? "accept");
  const [expected, setExpected] = useState<Record<string, { decision: Decision; to: string }>>(() =>
    Object.fromEntries(levels.map((l) => [l, { decision: initial?.levels[l]?.decision ?? "accept", to: initial?.levels[l]?.correctedLevel ?? "" }])),
  );
  const [note, setNote] = useState(initial?.note ?? "");
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const save = async () => {
    setError(null);
    setStatus(null);
    const body = {
      decision,
      levels: Object.fromEntries(levels.map((l) => [l, { decision: expected[l].decision, correctedLevel: expected[l].decision === "edit" && expected[l].to.trim() ? expected[l].to.trim() : null }])),
      note: note.trim() || null,
    };
    const parsed = goldSchema.safeParse(body);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "The gold standard is not valid.");
    try {
      await callJson(`/api/admin/items/${itemId}/gold`, "PUT", body);
      setStatus("Saved: the item is gold.");
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const remove = async () => {
    setError(null);
    try {
      await callJson(`/api/admin/items/${itemId}/gold`, "DELETE", {});
      setStatus("Removed: the item is no longer gold.");
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <form className="space-y-3 text-sm" data-testid="gold-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <p className="text-xs text-slate-500">Accept and accept with changes score the same: both keep the item.</p>
      <label className="block">
        Expected decision
        <select aria-label="Expected decision" value={decision} onChange={(e) => setDecision(e.target.value as Decision)} className="ml-2 rounded border border-slate-300 px-1">
          <option value="accept">accept</option>
          <option value="edit">accept with changes</option>
          <option value="reject">reject</option>
        </select>
      </label>
      {levels.length > 0 && (
        <table className="text-sm">
          <thead className="text-left text-slate-600"><tr><th className="pr-3">Level</th><th className="pr-3">Expected</th><th>Belongs to</th></tr></thead>
          <tbody>
            {levels.map((l) => (
              <tr key={l}>
                <td className="pr-3 font-mono font-semibold">{l}</td>
                <td className="pr-3">
                  <select aria-label={`Expected decision for ${l}`} value={expected[l].decision} onChange={(e) => setExpected((x) => ({ ...x, [l]: { ...x[l], decision: e.target.value as Decision } }))} className="rounded border border-slate-300 px-1">
                    <option value="accept">accept</option>
                    <option value="edit">moved to another level</option>
                    <option value="reject">reject</option>
                  </select>
                </td>
                <td>
                  {expected[l].decision === "edit" && (
                    <input aria-label={`Expected level for ${l}`} value={expected[l].to} onChange={(e) => setExpected((x) => ({ ...x, [l]: { ...x[l], to: e.target.value } }))} placeholder="e.g. L5/S1" className="w-24 rounded border border-slate-300 px-1 font-mono" />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <textarea aria-label="Gold note" value={note} onChange={(e) => setNote(e.target.value)} rows={2} placeholder="Note (optional, admins only)" className="block w-full rounded border border-slate-300 p-2" />
      {error && <p role="alert" className="text-red-700">{error}</p>}
      {status && <p role="status" className="text-emerald-800">{status}</p>}
      <div className="flex gap-2">
        <button className="rounded bg-amber-600 px-3 py-1.5 text-white">{initial ? "Update gold standard" : "Mark as gold"}</button>
        {initial && <button type="button" onClick={() => void remove()} className="rounded border border-slate-300 px-3 py-1.5">Remove gold</button>}
      </div>
    </form>
  );
}
