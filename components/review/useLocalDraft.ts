"use client";
// Unsaved work survives a reload or a crash: the reviewer's draft (text edits, level decisions, rubric, reason)
// is kept in localStorage per user, item and base version, and removed once the review is saved.
import { useCallback, useEffect, useRef, useState } from "react";

export function useLocalDraft<T>(key: string, initial: T): [T, (update: (prev: T) => T) => void, () => void, boolean] {
  const [value, setValue] = useState<T>(initial);
  const [restored, setRestored] = useState(false);
  const loaded = useRef(false);

  useEffect(() => {
    try {
      const raw = window.localStorage.getItem(key);
      if (raw) {
        // Restored after hydration on purpose: the server cannot see this browser's storage.
        // eslint-disable-next-line react-hooks/set-state-in-effect
        setValue({ ...initial, ...(JSON.parse(raw) as T) });
        setRestored(true);
      }
    } catch {
      /* a corrupt draft is ignored */
    }
    loaded.current = true;
    // initial is the server's state for this key; it only matters on first load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const update = useCallback(
    (fn: (prev: T) => T) => {
      setValue((prev) => {
        const next = fn(prev);
        try {
          window.localStorage.setItem(key, JSON.stringify(next));
        } catch {
          /* storage full or disabled: the draft lives in memory only */
        }
        return next;
      });
    },
    [key],
  );

  const clear = useCallback(() => {
    window.localStorage.removeItem(key);
  }, [key]);

  return [value, update, clear, restored];
}
