"use client";
// The browser's "leave this page?" warning while there is unsaved work. The work is kept locally either way
// (useLocalDraft); the warning only saves the reviewer a surprise.
import { useEffect } from "react";

export function useUnsavedWarning(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [active]);
}
