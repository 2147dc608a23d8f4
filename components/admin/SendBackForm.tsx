"use client";
// Sends a decided item back to review, with the note its reviewers will see. The note is required. The form stays
// mounted when the item is not (or no longer) decided, so the confirmation of a send-back outlives the refresh that
// shows the item pending again.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callJson } from "@/components/ui/requestJson";
import { sendBackSchema } from "@/lib/adjudication/schemas";

export function SendBackForm({ itemId, decided, status }: { itemId: string; decided: boolean; status: string }) {
  const router = useRouter();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setError(null);
    const parsed = sendBackSchema.safeParse({ note });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Write a note.");
    setSaving(true);
    try {
      const r = await callJson<{ item: { round: number }; reopened: unknown[] }>(`/api/admin/items/${itemId}/send-back`, "POST", parsed.data);
      setDone(`Sent back: round ${r.item.round}, ${r.reopened.length} reviewer${r.reopened.length === 1 ? "" : "s"} asked to look again.`);
      setNote("");
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const confirmation = done && <p role="status" className="text-sm text-emerald-800">{done}</p>;
  if (!decided) {
    return (
      <div className="space-y-2" data-testid="send-back-form">
        {confirmation}
        <p className="text-sm text-slate-600">Only a decided item (approved, rejected, disputed or adjudicated) can be sent back; this one is {status}.</p>
      </div>
    );
  }
  return (
    <form className="space-y-2" data-testid="send-back-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label className="block text-sm">
        Note for the reviewers (required)
        <textarea aria-label="Send-back note" value={note} onChange={(e) => setNote(e.target.value)} rows={3} className="mt-1 block w-full rounded border border-slate-300 p-2" placeholder="What should the reviewers look at again?" />
      </label>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {confirmation}
      <button disabled={saving} className="rounded bg-slate-800 px-3 py-1.5 text-sm text-white disabled:opacity-50">{saving ? "Sending…" : "Send back to review"}</button>
    </form>
  );
}
