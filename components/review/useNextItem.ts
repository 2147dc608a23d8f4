"use client";
// "Next item": asks the server for the next item to review from the shared pool (POST /api/review/next) and opens
// it. With nothing left the answer is a message, not an error, and the caller shows it as a calm empty state.
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";

export type NextItemState = { status: "idle" } | { status: "loading" } | { status: "empty"; message: string } | { status: "error"; message: string };

export function useNextItem() {
  const router = useRouter();
  const [state, setState] = useState<NextItemState>({ status: "idle" });

  /**
   * True when an item was found and is being opened. `exclude` is the item on screen: the server serves the
   * reviewer's own queue first, which can be that very item; then `fallback` (the next in the queue) is opened.
   */
  const next = useCallback(async (opts: { exclude?: string; fallback?: string | null } = {}): Promise<boolean> => {
    setState({ status: "loading" });
    try {
      const res = await fetch("/api/review/next", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      const data = (await res.json().catch(() => ({}))) as { itemId?: string | null; message?: string; error?: string };
      if (!res.ok) {
        setState({ status: "error", message: data.error ?? `Could not get the next item (${res.status}).` });
        return false;
      }
      const id = data.itemId === opts.exclude ? (opts.fallback ?? null) : data.itemId;
      if (!id) {
        setState({ status: "empty", message: data.itemId ? "Nothing else to review: this is the only item left for you." : (data.message ?? "Nothing to review right now.") });
        return false;
      }
      router.push(`/review/${id}`);
      return true;
    } catch {
      setState({ status: "error", message: "Cannot reach the server; try again." });
      return false;
    }
  }, [router]);

  return { next, state };
}
