"use client";
// Time on item, as the review records it: counted only while the page is visible (a tab left open over lunch is
// not review time), from the moment the workspace opened.
import { useCallback, useEffect, useRef } from "react";

export function useTimeOnItem(): { startedAt: string; timeSpentMs: () => number } {
  const startedAt = useRef(new Date().toISOString());
  const visibleMs = useRef(0);
  const visibleSince = useRef<number | null>(null);

  useEffect(() => {
    visibleSince.current = document.visibilityState === "visible" ? performance.now() : null;
    const onVis = () => {
      if (document.visibilityState === "visible") visibleSince.current = performance.now();
      else if (visibleSince.current !== null) {
        visibleMs.current += performance.now() - visibleSince.current;
        visibleSince.current = null;
      }
    };
    document.addEventListener("visibilitychange", onVis);
    return () => document.removeEventListener("visibilitychange", onVis);
  }, []);

  const timeSpentMs = useCallback(
    () => Math.round(visibleMs.current + (visibleSince.current !== null ? performance.now() - visibleSince.current : 0)),
    [],
  );
  // The ref's value is fixed at mount; reading it here is what the review's startedAt means.
  // eslint-disable-next-line react-hooks/refs
  return { startedAt: startedAt.current, timeSpentMs };
}
