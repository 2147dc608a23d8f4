"use client";
// One keydown listener for a shortcut table: the table says which command a key runs and when; this hook only
// wires it to the window. Typing in a text box is never a shortcut (Esc leaves the box), and nothing fires while
// a dialog with keys of its own (the reason picker) is open.
import { useEffect, useRef } from "react";
import { matchShortcut, type ShortcutTable } from "@/lib/shortcuts/table";
import type { CommandHandlers } from "./shortcuts";

export function useShortcutKeys<C extends string, F extends string>(
  table: ShortcutTable<C, F>,
  handlers: CommandHandlers<C>,
  flags: Partial<Record<F, boolean>>,
  enabled: boolean,
) {
  // The listener stays put; the latest handlers and flags are read when a key comes.
  const latest = useRef({ handlers, flags });
  useEffect(() => {
    latest.current = { handlers, flags };
  });

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) {
        if (e.key === "Escape") t.blur();
        return;
      }
      const m = matchShortcut(table, e, latest.current.flags);
      if (!m) return;
      if (m.shortcut.preventDefault) e.preventDefault();
      latest.current.handlers[m.shortcut.command](m.key);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [table, enabled]);
}
