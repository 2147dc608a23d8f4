"use client";
// The item's audit events (what was done, by whom, when, before and after), loaded when the tab opens. The
// before/after values can hold item text, so their invisible characters are written out as ⟨U+XXXX⟩.
import { useEffect, useState } from "react";
import { requestJson } from "@/components/ui/requestJson";
import { revealInvisible } from "@/lib/items/invisible";

interface HistoryEvent {
  seq: number;
  at: string;
  action: string;
  actorName: string | null;
  before: unknown;
  after: unknown;
}

export function HistoryView({ itemId }: { itemId: string }) {
  const [events, setEvents] = useState<HistoryEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    requestJson<{ events: HistoryEvent[] }>(`/api/review/items/${itemId}/history`)
      .then((data) => !cancelled && setEvents(data.events))
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [itemId]);
  if (error) return <p role="alert" className="text-sm text-red-700">{error}</p>;
  if (!events) return <p className="text-sm text-slate-500">Loading…</p>;
  if (events.length === 0) return <p className="text-sm text-slate-500">No events yet.</p>;
  return (
    <ol className="space-y-2 text-sm" data-testid="history">
      {events.map((e) => (
        <li key={e.seq} className="rounded border border-slate-200 px-2 py-1">
          <div className="flex gap-2"><span className="font-medium">{e.action}</span><span className="text-slate-500">{e.actorName ?? "system"}</span><span className="ml-auto tabular-nums text-xs text-slate-500">#{e.seq} · {e.at.replace("T", " ").slice(0, 19)}</span></div>
          {(e.before != null || e.after != null) && (
            <pre dir="ltr" className="mt-1 overflow-x-auto whitespace-pre-wrap text-xs text-slate-600 [unicode-bidi:isolate]">{revealInvisible(`${e.before != null ? `before ${JSON.stringify(e.before)}\n` : ""}${e.after != null ? `after  ${JSON.stringify(e.after)}` : ""}`)}</pre>
          )}
        </li>
      ))}
    </ol>
  );
}
