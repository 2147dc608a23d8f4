import { describe, expect, it } from "vitest";
import { actionForKey, SHORTCUT_HELP } from "./keys";

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
