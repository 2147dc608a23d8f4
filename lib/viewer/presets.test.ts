import { describe, expect, it } from "vitest";
import { defaultWindow, formatWindow, presetById, presetByKey, presetWindow, WINDOW_PRESETS } from "./presets";

describe("window presets", () => {
  it("binds keys 1–4 to Bone, Soft tissue, Spine MR T1 and T2", () => {
    expect(WINDOW_PRESETS.map((p) => [p.key, p.label])).toEqual([
      ["1", "Bone"],
      ["2", "Soft tissue"],
      ["3", "Spine MR T1"],
      ["4", "Spine MR T2"],
    ]);
    expect(presetByKey("2")?.id).toBe("soft");
    expect(presetByKey("5")).toBeNull();
  });

  it("uses Hounsfield windows on CT", () => {
    const ct = { modality: "CT", min: -1024, max: 3071 };
    expect(presetWindow(presetById("bone"), ct)).toEqual({ windowWidth: 2000, windowCenter: 500 });
    expect(presetWindow(presetById("soft"), ct)).toEqual({ windowWidth: 400, windowCenter: 40 });
  });

  it("places windows relative to the value range where units are not absolute (MR, radiographs, PNG)", () => {
    const mr = { modality: "MR", min: 0, max: 2000 };
    expect(presetWindow(presetById("mr-t1"), mr)).toEqual({ windowWidth: 1600, windowCenter: 800 });
    expect(presetWindow(presetById("mr-t2"), mr)).toEqual({ windowWidth: 1200, windowCenter: 900 });
    const png = { modality: "XR", min: 0, max: 255 };
    const bone = presetWindow(presetById("bone"), png);
    expect(bone.windowWidth).toBe(255);
    expect(bone.windowCenter).toBe(153);
    // An MR preset on CT is range-relative too (it has no Hounsfield definition).
    expect(presetWindow(presetById("mr-t2"), { modality: "CT", min: -1000, max: 1000 })).toEqual({ windowWidth: 1200, windowCenter: -100 });
  });

  it("gives every preset a different window on the same image", () => {
    const img = { modality: "MR", min: 12, max: 1710 };
    const windows = WINDOW_PRESETS.map((p) => JSON.stringify(presetWindow(p, img)));
    expect(new Set(windows).size).toBe(WINDOW_PRESETS.length);
  });

  it("never returns a zero-width window for a flat image", () => {
    expect(presetWindow(presetById("soft"), { modality: "MR", min: 5, max: 5 }).windowWidth).toBeGreaterThan(0);
  });

  it("defaultWindow prefers the stored window, else the value range", () => {
    expect(defaultWindow({ modality: "MR", min: 0, max: 100, windowCenter: 600, windowWidth: 1300 })).toEqual({ windowWidth: 1300, windowCenter: 600 });
    expect(defaultWindow({ modality: "XR", min: 0, max: 255, windowCenter: null, windowWidth: null })).toEqual({ windowWidth: 255, windowCenter: 127.5 });
  });

  it("formats windows the way radiologists read them", () => {
    expect(formatWindow({ windowWidth: 2000, windowCenter: 500 })).toBe("W 2000 / L 500");
    expect(formatWindow({ windowWidth: 40.26, windowCenter: -3.04 })).toBe("W 40.3 / L -3");
  });
});
