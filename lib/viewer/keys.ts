// Keyboard shortcuts of the viewer. Reviewers work for hours with one hand on the keyboard, so every frequent
// action has a key. The keys are one table of named commands (lib/shortcuts/table): the viewer's key handler,
// its help line, its buttons' titles and the workspace's cheat sheet are all generated from it.
import { keysFor, keysLabel, matchShortcut, type KeyEventLike, type ShortcutTable } from "@/lib/shortcuts/table";
import { WINDOW_PRESETS, type PresetId } from "./presets";

export type ToolName = "wwwc" | "length" | "angle" | "cobb";

export type ViewerAction =
  | { type: "preset"; preset: PresetId }
  | { type: "invert" }
  | { type: "reset" }
  | { type: "slice"; delta: number }
  | { type: "sliceTo"; index: "first" | "last" }
  | { type: "tool"; tool: ToolName }
  | { type: "clearMeasurements" };

/** Named commands of the viewer's keys; `mouse.*` are gestures listed in the help, handled by cornerstone-tools. */
export const VIEWER_COMMANDS = [
  "mouse.windowLevel",
  "mouse.zoom",
  "mouse.pan",
  "mouse.slice",
  "preset",
  "invert",
  "reset",
  "slice.previous",
  "slice.next",
  "slice.first",
  "slice.last",
  "tool.wwwc",
  "tool.length",
  "tool.angle",
  "tool.cobb",
  "measurements.clear",
] as const;
export type ViewerCommand = (typeof VIEWER_COMMANDS)[number];

const GESTURES = "Mouse";
const IMAGE = "Image";
const STACK = "Slices";
const TOOLS = "Tools";

export const VIEWER_SHORTCUTS: ShortcutTable<ViewerCommand> = [
  { keys: [], display: "drag", command: "mouse.windowLevel", label: "window/level", group: GESTURES, hint: "window/level" },
  { keys: [], display: "right-drag / ctrl+wheel", command: "mouse.zoom", label: "zoom", group: GESTURES, hint: "zoom" },
  { keys: [], display: "middle-drag", command: "mouse.pan", label: "pan", group: GESTURES, hint: "pan" },
  { keys: [], display: "wheel / ↑↓", command: "mouse.slice", label: "slice", group: GESTURES, hint: "slice" },
  {
    keys: WINDOW_PRESETS.map((p) => p.key),
    command: "preset",
    label: WINDOW_PRESETS.map((p) => p.label).join(", "),
    hint: WINDOW_PRESETS.map((p) => p.label).join(", "),
    group: IMAGE,
  },
  { keys: ["i", "I"], command: "invert", label: "invert", hint: "invert", group: IMAGE },
  { keys: ["r", "R"], command: "reset", label: "reset zoom, pan and window", hint: "reset", group: IMAGE },
  { keys: ["ArrowUp", "PageUp"], command: "slice.previous", label: "previous slice", group: STACK },
  { keys: ["ArrowDown", "PageDown"], command: "slice.next", label: "next slice", group: STACK },
  { keys: ["Home"], command: "slice.first", label: "first slice", group: STACK },
  { keys: ["End"], command: "slice.last", label: "last slice", group: STACK },
  { keys: ["w", "W", "Escape"], command: "tool.wwwc", label: "window/level tool", hint: "window/level tool", group: TOOLS },
  { keys: ["l", "L"], command: "tool.length", label: "length", hint: "length", group: TOOLS },
  { keys: ["a", "A"], command: "tool.angle", label: "angle", hint: "angle", group: TOOLS },
  { keys: ["c", "C"], command: "tool.cobb", label: "Cobb angle", hint: "Cobb", group: TOOLS },
  { keys: ["Delete", "Backspace"], command: "measurements.clear", label: "clear measurements on the slice", hint: "clear measurements on slice", group: TOOLS },
];

/** What each command does to the viewer; null for gestures (cornerstone-tools handles those itself). */
export function viewerAction(command: ViewerCommand, key: string): ViewerAction | null {
  switch (command) {
    case "preset": {
      const preset = WINDOW_PRESETS.find((p) => p.key === key);
      return preset ? { type: "preset", preset: preset.id } : null;
    }
    case "invert":
      return { type: "invert" };
    case "reset":
      return { type: "reset" };
    case "slice.previous":
      return { type: "slice", delta: -1 };
    case "slice.next":
      return { type: "slice", delta: 1 };
    case "slice.first":
      return { type: "sliceTo", index: "first" };
    case "slice.last":
      return { type: "sliceTo", index: "last" };
    case "tool.wwwc":
      return { type: "tool", tool: "wwwc" };
    case "tool.length":
      return { type: "tool", tool: "length" };
    case "tool.angle":
      return { type: "tool", tool: "angle" };
    case "tool.cobb":
      return { type: "tool", tool: "cobb" };
    case "measurements.clear":
      return { type: "clearMeasurements" };
    case "mouse.windowLevel":
    case "mouse.zoom":
    case "mouse.pan":
    case "mouse.slice":
      return null;
  }
}

export type KeyLike = KeyEventLike;

/** The action for a key press, or null (the event is then left to the page). */
export function actionForKey(e: KeyLike): ViewerAction | null {
  const m = matchShortcut(VIEWER_SHORTCUTS, e);
  return m ? viewerAction(m.shortcut.command, m.key) : null;
}

export const TOOL_LABELS: Record<ToolName, string> = {
  wwwc: "Window/level",
  length: "Length",
  angle: "Angle",
  cobb: "Cobb angle",
};

/** The key of a tool's command, for its button's title ("Length (L)"). */
export function toolKey(tool: ToolName): string {
  return keysFor(VIEWER_SHORTCUTS, `tool.${tool}`);
}

/** The key of a viewer command, for a button's title. */
export function viewerKey(command: ViewerCommand): string {
  return keysFor(VIEWER_SHORTCUTS, command);
}

/** The help line under the viewer: [keys, what] pairs, from the rows that have a hint. */
export const SHORTCUT_HELP: readonly [string, string][] = (() => {
  // Tools written together ("L / A / C length, angle, Cobb") keep the line short.
  const rows = VIEWER_SHORTCUTS.filter((s) => s.hint);
  const measuring = rows.filter((s) => s.command === "tool.length" || s.command === "tool.angle" || s.command === "tool.cobb");
  const out: [string, string][] = [];
  for (const s of rows) {
    if (measuring.includes(s)) {
      if (s === measuring[0]) out.push([measuring.map((m) => keysFor(VIEWER_SHORTCUTS, m.command)).join(" / "), measuring.map((m) => m.hint).join(", ")]);
      continue;
    }
    out.push([keysLabel(s), s.hint!]);
  }
  return out;
})();
