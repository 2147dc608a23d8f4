// Keyboard shortcuts as one table of data per scope: each row binds keys to a named command, with the label the
// cheat sheet shows, the group it is listed under, a short hint for the inline key hints and the condition under
// which it acts. The key handler, the cheat sheet, the hint lines and the buttons' "(A)" titles are all generated
// from the table, so what the help says is what the keys do. (The same idea as binding hotkeys to named commands
// in OHIF: commands are looked up by name; the table never holds code.)

export interface Shortcut<Command extends string = string, Flag extends string = string> {
  /**
   * KeyboardEvent.key values that trigger the command, case-sensitive: "x" and "X" (Shift+x) are different keys,
   * so a command meant for both lists both. Empty for a help-only row (a mouse gesture).
   */
  keys: readonly string[];
  command: Command;
  /** What it does, for the cheat sheet. */
  label: string;
  /** Heading it is listed under. */
  group: string;
  /** Short form for the inline hint lines ("accept"); rows without one are not hinted. */
  hint?: string;
  /** How the keys are written (default: derived from `keys`, e.g. "Shift+X", "↑ / PgUp"). */
  display?: string;
  /** The row acts only while this flag of the context is true (e.g. "hasLevels"). */
  when?: Flag;
  /** Stop the browser's own use of the key (Enter submitting, arrows scrolling, E typing into a box). */
  preventDefault?: boolean;
}

export type ShortcutTable<Command extends string = string, Flag extends string = string> = readonly Shortcut<Command, Flag>[];

export interface KeyEventLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export interface ShortcutMatch<Command extends string, Flag extends string> {
  shortcut: Shortcut<Command, Flag>;
  /** The key that matched (commands bound to several keys, such as 1–9, read it). */
  key: string;
}

/**
 * The row a key press triggers, or null. Keys held with Ctrl, Cmd or Alt stay the browser's and the system's
 * (reload, tab switching). A row whose `when` flag is false does not take the key, so it falls through to the page.
 */
export function matchShortcut<Command extends string, Flag extends string>(
  table: ShortcutTable<Command, Flag>,
  e: KeyEventLike,
  flags: Partial<Record<Flag, boolean>> = {},
): ShortcutMatch<Command, Flag> | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  for (const shortcut of table) {
    if (!shortcut.keys.includes(e.key)) continue;
    if (shortcut.when && !flags[shortcut.when]) return null;
    return { shortcut, key: e.key };
  }
  return null;
}

const KEY_NAMES: Record<string, string> = {
  ArrowUp: "↑",
  ArrowDown: "↓",
  ArrowLeft: "←",
  ArrowRight: "→",
  PageUp: "PgUp",
  PageDown: "PgDn",
  Escape: "Esc",
  Delete: "Del",
  Backspace: "Backspace",
  " ": "Space",
};

/** How one key is written: letters upper-case, Shift+ for a shifted letter bound on its own. */
function keyName(key: string, all: readonly string[]): string | null {
  if (KEY_NAMES[key]) return KEY_NAMES[key];
  if (/^[a-z]$/.test(key)) return key.toUpperCase();
  if (/^[A-Z]$/.test(key)) return all.includes(key.toLowerCase()) ? null : `Shift+${key}`;
  return key;
}

/** Runs of consecutive digits are written as a range ("1–9"). */
function collapseDigits(names: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < names.length) {
    let j = i;
    while (j + 1 < names.length && /^\d$/.test(names[j]) && /^\d$/.test(names[j + 1]) && Number(names[j + 1]) === Number(names[j]) + 1) j++;
    if (j - i >= 2) out.push(`${names[i]}–${names[j]}`);
    else out.push(...names.slice(i, j + 1));
    i = j + 1;
  }
  return out;
}

/** The keys of a row as the help writes them. */
export function keysLabel(shortcut: Pick<Shortcut, "keys" | "display">): string {
  if (shortcut.display) return shortcut.display;
  const names = shortcut.keys.map((k) => keyName(k, shortcut.keys)).filter((n): n is string => n !== null);
  return collapseDigits([...new Set(names)]).join(" / ");
}

/** The keys label of a command's first row, for a button's title or a <kbd> beside it. */
export function keysFor<Command extends string>(table: ShortcutTable<Command>, command: Command): string {
  const row = table.find((s) => s.command === command && s.keys.length > 0);
  return row ? keysLabel(row) : "";
}

export interface HelpGroup {
  group: string;
  rows: { keys: string; label: string; command: string }[];
}

/** The cheat sheet: rows grouped under their headings, in table order. */
export function helpGroups(table: ShortcutTable): HelpGroup[] {
  const groups = new Map<string, HelpGroup>();
  for (const s of table) {
    const g = groups.get(s.group) ?? { group: s.group, rows: [] };
    g.rows.push({ keys: keysLabel(s), label: s.label, command: s.command });
    groups.set(s.group, g);
  }
  return [...groups.values()];
}

/** An inline hint line: "1–9 select · A accept · C correct", from the rows of some groups that have a hint. */
export function hintLine(table: ShortcutTable, groups: readonly string[]): { keys: string; hint: string }[] {
  return table.filter((s) => s.hint && groups.includes(s.group)).map((s) => ({ keys: keysLabel(s), hint: s.hint! }));
}

/** Keys bound by more than one row of a table: must be empty (a key does one thing in one scope). */
export function duplicateKeys(table: ShortcutTable): string[] {
  const seen = new Map<string, number>();
  for (const s of table) for (const k of new Set(s.keys)) seen.set(k, (seen.get(k) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
}
