"use client";
// The working lease: while the workspace is open and the tab visible, the reviewer holds the item (POST /open,
// then a heartbeat every HEARTBEAT_INTERVAL_MS), so the shared pool does not hand it to someone else meanwhile.
// When the server says someone else now holds it (409), saving stops and the reviewer is told who and until when;
// their draft stays in local storage. Leaving the item (closing the tab, going to another page) ends the working
// lease at once with a keepalive request, so the item does not sit blocked until the lease runs out.
import { useCallback, useEffect, useRef, useState } from "react";
import { HEARTBEAT_INTERVAL_MS } from "@/lib/review/lifecycle";

export interface LeaseLost {
  holder: string | null;
  until: string | null;
  message: string;
}

export type ReleaseReason = "skip" | "close";

const post = (url: string, body: unknown, keepalive = false) =>
  fetch(url, { method: "POST", keepalive, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function lostFrom(res: Response): Promise<LeaseLost | null> {
  if (res.status !== 409) return null;
  const data = (await res.json().catch(() => ({}))) as { error?: string; details?: { holder?: { name?: string | null }; until?: string | null } };
  return { holder: data.details?.holder?.name ?? null, until: data.details?.until ?? null, message: data.error ?? "Someone else holds this item now." };
}

export interface WorkLease {
  /** Someone else holds the item now (or the hold ran out): saving is off. */
  lost: LeaseLost | null;
  /** Gives the item back (skip) or ends the working lease (close) before moving on. */
  release: (reason: ReleaseReason) => Promise<boolean>;
  /** Takes the lease again after a release when the reviewer stays after all (nothing else to review). */
  reopen: () => void;
}

export function useHeartbeat(itemId: string): WorkLease {
  const [lost, setLost] = useState<LeaseLost | null>(null);
  const lostRef = useRef(false);
  const released = useRef(false);
  const lastBeat = useRef(0);

  const onLost = useCallback((l: LeaseLost) => {
    lostRef.current = true;
    setLost(l);
  }, []);

  useEffect(() => {
    released.current = false;
    lostRef.current = false;
    let stopped = false;
    const base = `/api/review/items/${itemId}`;

    // Opening is an audited action and takes the working lease.
    lastBeat.current = Date.now();
    void post(`${base}/open`, {})
      .then(lostFrom)
      .then((l) => l && !stopped && onLost(l))
      .catch(() => {});

    const beat = () => {
      if (stopped || lostRef.current || released.current || document.visibilityState !== "visible") return;
      lastBeat.current = Date.now();
      void post(`${base}/heartbeat`, {})
        .then(lostFrom)
        .then((l) => l && !stopped && onLost(l))
        // Offline for a moment: the next beat tries again, and the lease is 30 minutes long.
        .catch(() => {});
    };
    const timer = window.setInterval(beat, HEARTBEAT_INTERVAL_MS);
    // Back on the tab after a while: renew now rather than at the next tick.
    const onVisible = () => {
      if (document.visibilityState === "visible" && Date.now() - lastBeat.current >= HEARTBEAT_INTERVAL_MS) beat();
    };
    const close = () => {
      if (released.current || lostRef.current) return;
      released.current = true;
      void post(`${base}/release`, { reason: "close" }, true).catch(() => {});
    };
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("pagehide", close);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("pagehide", close);
      // Another page of the app (or another item) replaces the workspace: the same as closing it.
      close();
    };
  }, [itemId, onLost]);

  const release = useCallback(
    async (reason: ReleaseReason) => {
      released.current = true;
      try {
        const res = await post(`/api/review/items/${itemId}/release`, { reason }, true);
        const data = (await res.json().catch(() => ({}))) as { released?: boolean };
        return res.ok && Boolean(data.released);
      } catch {
        return false;
      }
    },
    [itemId],
  );

  const reopen = useCallback(() => {
    released.current = false;
    lastBeat.current = Date.now();
    void post(`/api/review/items/${itemId}/open`, {})
      .then(lostFrom)
      .then((l) => l && onLost(l))
      .catch(() => {});
  }, [itemId, onLost]);

  return { lost, release, reopen };
}
