import { describe, expect, it } from "vitest";
import { duplicateKeys } from "@/lib/shortcuts/table";
import { actionForKey, SHORTCUT_HELP, toolKey, VIEWER_COMMANDS, VIEWER_SHORTCUTS, viewerAction, viewerKey } from "./keys";

describe("viewer keyboard shortcuts", () => {
  it("maps presets, invert, reset and slice keys", () => {
    expect(actionForKey({ key: "1" })).toEqual({ type: "preset", preset: "bone" });
    expect(actionForKey({ key: "4" })).toEqual({ type: "preset", preset: "mr-t2" });
    expect(actionForKey({ key: "i" })).toEqual({ type: "invert" });
    expect(actionForKey({ key: "R" })).toEqual({ type: "reset" });
    expect(actionForKey({ key: "ArrowUp" })).toEqual({ type: "slice", delta: -1 });
    expect(actionForKey({ key: "PageDown" })).toEqual({ type: "slice", delta: 1 });
    expect(actionForKey({ key: "End" })).toEqual({ type: "sliceTo", index: "last" });
    expect(actionForKey({ key: "c" })).toEqual({ type: "tool", tool: "cobb" });
    expect(actionForKey({ key: "Escape" })).toEqual({ type: "tool", tool: "wwwc" });
  });

  it("leaves modified keys and unknown keys to the page", () => {
    expect(actionForKey({ key: "r", ctrlKey: true })).toBeNull();
    expect(actionForKey({ key: "1", metaKey: true })).toBeNull();
    expect(actionForKey({ key: "x" })).toBeNull();
    expect(actionForKey({ key: "5" })).toBeNull();
  });

  it("lists the presets in the help line", () => {
    expect(SHORTCUT_HELP.some(([k, what]) => k === "1–4" && what.includes("Bone") && what.includes("Spine MR T2"))).toBe(true);
  });
});

describe("the viewer's shortcut table", () => {
  it("binds no key twice, and every command has a row with a label and an action (or is a mouse gesture)", () => {
    expect(duplicateKeys(VIEWER_SHORTCUTS)).toEqual([]);
    for (const command of VIEWER_COMMANDS) {
      const rows = VIEWER_SHORTCUTS.filter((s) => s.command === command);
      expect(rows.length, command).toBe(1);
      expect(rows[0].label.length, command).toBeGreaterThan(0);
      if (command.startsWith("mouse.")) expect(rows[0].keys, command).toEqual([]);
      else for (const key of rows[0].keys) expect(viewerAction(command, key), `${command} ${key}`).not.toBeNull();
    }
    expect(new Set(VIEWER_SHORTCUTS.map((s) => s.command))).toEqual(new Set(VIEWER_COMMANDS));
  });

  it("generates the help line and the buttons' keys from the table", () => {
    expect(SHORTCUT_HELP).toContainEqual(["I", "invert"]);
    expect(SHORTCUT_HELP).toContainEqual(["W / Esc", "window/level tool"]);
    expect(SHORTCUT_HELP).toContainEqual(["L / A / C", "length, angle, Cobb"]);
    expect(toolKey("cobb")).toBe("C");
    expect(toolKey("wwwc")).toBe("W / Esc");
    expect(viewerKey("reset")).toBe("R");
  });
});
