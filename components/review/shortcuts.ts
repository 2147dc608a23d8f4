// The review workspace's keys, as one table of named commands (lib/shortcuts/table). The key handler
// (useShortcutKeys), the cheat sheet (ShortcutSheet), the hint lines and the buttons' key labels are generated from
// it, and workspaceCommands maps each command name to what the workspace does, so nothing is written twice.
import type { ShortcutTable } from "@/lib/shortcuts/table";

export const WORKSPACE_COMMANDS = [
  "item.accept",
  "item.reject",
  "item.skip",
  "item.next",
  "item.previous",
  "item.nextFromPool",
  "level.select",
  "level.accept",
  "level.correct",
  "level.reject",
  "text.edit",
  "slice.previous",
  "slice.next",
  "sheet.toggle",
  "escape",
] as const;
export type WorkspaceCommand = (typeof WORKSPACE_COMMANDS)[number];

/** Conditions under which a row acts (else the key is left to the page). */
export type WorkspaceFlag = "canSave" | "hasLevels" | "hasPrevious" | "hasImages";

export const ITEM = "Item";
export const LEVELS = "Levels";
export const TEXT = "Text";
export const IMAGES = "Images";
export const HELP = "Help";

export const WORKSPACE_SHORTCUTS: ShortcutTable<WorkspaceCommand, WorkspaceFlag> = [
  { keys: ["Enter"], command: "item.accept", label: "accept (with your edits) and go to the next item", group: ITEM, when: "canSave", preventDefault: true },
  { keys: ["X"], command: "item.reject", label: "reject the item: pick a reason by its letter, severity 1–3, Enter", group: ITEM, when: "canSave" },
  { keys: ["s", "S"], command: "item.skip", label: "skip this item (give it back) and go on; your draft stays on this computer", group: ITEM },
  { keys: ["j", "J"], command: "item.next", label: "next item in your queue", group: ITEM },
  { keys: ["k", "K"], command: "item.previous", label: "previous item in your queue", group: ITEM, when: "hasPrevious" },
  { keys: ["n", "N"], command: "item.nextFromPool", label: "next item to review from the shared pool", group: ITEM },
  { keys: ["1", "2", "3", "4", "5", "6", "7", "8", "9"], command: "level.select", label: "select a level: highlight it on the image and scroll to it", hint: "select", group: LEVELS, when: "hasLevels" },
  { keys: ["a"], command: "level.accept", label: "accept the selected level", hint: "accept", group: LEVELS, when: "hasLevels" },
  { keys: ["c"], command: "level.correct", label: "correct the selected level (move the claim to another level)", hint: "correct", group: LEVELS, when: "hasLevels", preventDefault: true },
  { keys: ["x"], command: "level.reject", label: "reject the selected level", hint: "reject", group: LEVELS, when: "hasLevels" },
  { keys: ["e"], command: "text.edit", label: "edit the text (Esc leaves the text box)", group: TEXT, preventDefault: true },
  { keys: ["ArrowUp", "PageUp"], command: "slice.previous", label: "previous slice, from anywhere on the page", group: IMAGES, when: "hasImages", preventDefault: true },
  { keys: ["ArrowDown", "PageDown"], command: "slice.next", label: "next slice, from anywhere on the page", group: IMAGES, when: "hasImages", preventDefault: true },
  { keys: ["?"], command: "sheet.toggle", label: "this sheet", group: HELP },
  { keys: ["Escape"], command: "escape", label: "close this sheet, or cancel a level correction", group: HELP },
];

/** What the workspace can be asked to do; the commands call these. */
export interface WorkspaceActions {
  acceptItem(): void;
  rejectItem(): void;
  skip(): void;
  next(): void;
  previous(): void;
  nextFromPool(): void;
  /** 0-based level in the item's order. */
  selectLevelAt(index: number): void;
  acceptLevel(): void;
  correctLevel(): void;
  rejectLevel(): void;
  editText(): void;
  slice(delta: -1 | 1): void;
  toggleSheet(): void;
  escape(): void;
}

export type CommandHandlers<C extends string> = Record<C, (key: string) => void>;

/** Each command's handler: one line each, so the table and the workspace meet in one place. */
export function workspaceCommands(a: WorkspaceActions): CommandHandlers<WorkspaceCommand> {
  return {
    "item.accept": () => a.acceptItem(),
    "item.reject": () => a.rejectItem(),
    "item.skip": () => a.skip(),
    "item.next": () => a.next(),
    "item.previous": () => a.previous(),
    "item.nextFromPool": () => a.nextFromPool(),
    "level.select": (key) => a.selectLevelAt(Number(key) - 1),
    "level.accept": () => a.acceptLevel(),
    "level.correct": () => a.correctLevel(),
    "level.reject": () => a.rejectLevel(),
    "text.edit": () => a.editText(),
    "slice.previous": () => a.slice(-1),
    "slice.next": () => a.slice(1),
    "sheet.toggle": () => a.toggleSheet(),
    escape: () => a.escape(),
  };
}
