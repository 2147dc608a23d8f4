// Keyboard shortcuts of the viewer. Reviewers work for hours with one hand on the keyboard, so every frequent
// action has a key; the help line under the viewer is generated from this table, so they cannot drift apart.
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

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The action for a key press, or null (the event is then left to the page). */
export function actionForKey(e: KeyLike): ViewerAction | null {
  // Browser and OS shortcuts (ctrl+R reload, cmd+1 tab switch) stay theirs.
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const preset = WINDOW_PRESETS.find((p) => p.key === e.key);
  if (preset) return { type: "preset", preset: preset.id };
  switch (e.key) {
    case "i":
    case "I":
      return { type: "invert" };
    case "r":
    case "R":
      return { type: "reset" };
    case "ArrowUp":
    case "PageUp":
      return { type: "slice", delta: -1 };
    case "ArrowDown":
    case "PageDown":
      return { type: "slice", delta: 1 };
    case "Home":
      return { type: "sliceTo", index: "first" };
    case "End":
      return { type: "sliceTo", index: "last" };
    case "w":
    case "W":
    case "Escape":
      return { type: "tool", tool: "wwwc" };
    case "l":
    case "L":
      return { type: "tool", tool: "length" };
    case "a":
    case "A":
      return { type: "tool", tool: "angle" };
    case "c":
    case "C":
      return { type: "tool", tool: "cobb" };
    case "Delete":
    case "Backspace":
      return { type: "clearMeasurements" };
    default:
      return null;
  }
}

export const TOOL_LABELS: Record<ToolName, string> = {
  wwwc: "Window/level",
  length: "Length",
  angle: "Angle",
  cobb: "Cobb angle",
};

/** The help line: [keys, what] pairs. */
export const SHORTCUT_HELP: readonly [string, string][] = [
  ["drag", "window/level"],
  ["right-drag / ctrl+wheel", "zoom"],
  ["middle-drag", "pan"],
  ["wheel / ↑↓", "slice"],
  [`${WINDOW_PRESETS[0].key}–${WINDOW_PRESETS[WINDOW_PRESETS.length - 1].key}`, WINDOW_PRESETS.map((p) => p.label).join(", ")],
  ["I", "invert"],
  ["R", "reset"],
  ["L / A / C", "length, angle, Cobb"],
  ["W / Esc", "window/level tool"],
  ["Del", "clear measurements on slice"],
];
