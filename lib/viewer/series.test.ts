import { describe, expect, it } from "vitest";
import { compareImages, compareSeries, seriesLabel } from "./series";

describe("seriesLabel", () => {
  it("names series the way a spine surgeon does", () => {
    expect(seriesLabel({ modality: "MR", sequence: "T2", view: "sagittal" })).toBe("Sagittal T2");
    expect(seriesLabel({ modality: "MR", sequence: "STIR", view: null })).toBe("STIR MR");
    expect(seriesLabel({ modality: "MR", sequence: null, view: "axial" })).toBe("Axial MR");
    expect(seriesLabel({ modality: "CR", sequence: null, view: "lateral" })).toBe("Lateral X-ray");
    expect(seriesLabel({ modality: "XR", sequence: null, view: "AP" })).toBe("AP X-ray");
    expect(seriesLabel({ modality: "DX", sequence: null, view: null, description: "Flexion" })).toBe("Flexion");
    expect(seriesLabel({ modality: "CT", sequence: null, view: "axial" })).toBe("Axial CT");
    expect(seriesLabel({ modality: "MR", sequence: null, view: null, description: "t2_tse_sag" })).toBe("t2_tse_sag");
    expect(seriesLabel({ modality: "NM", sequence: null, view: null })).toBe("NM");
  });
});

describe("compareSeries", () => {
  it("puts X-rays first, then MR by sequence and view, then CT, then the rest", () => {
    const s = [
      { id: "ct", modality: "CT", sequence: null, view: "axial" },
      { id: "ax-t2", modality: "MR", sequence: "T2", view: "axial" },
      { id: "other", modality: "NM", sequence: null, view: null },
      { id: "sag-t1", modality: "MR", sequence: "T1", view: "sagittal" },
      { id: "stir", modality: "MR", sequence: "STIR", view: "sagittal" },
      { id: "sag-t2", modality: "MR", sequence: "T2", view: "sagittal" },
      { id: "ap", modality: "DX", sequence: null, view: "AP" },
      { id: "lat", modality: "CR", sequence: null, view: "lateral" },
    ];
    expect([...s].sort(compareSeries).map((x) => x.id)).toEqual(["lat", "ap", "sag-t2", "ax-t2", "sag-t1", "stir", "ct", "other"]);
  });

  it("falls back to series number, description and id so the order is stable", () => {
    const a = { id: "b", modality: "MR", sequence: "T2", view: "sagittal", number: 2 };
    const b = { id: "a", modality: "MR", sequence: "T2", view: "sagittal", number: 1 };
    expect([a, b].sort(compareSeries).map((x) => x.id)).toEqual(["a", "b"]);
    const c = { id: "z", modality: "MR", sequence: "T2", view: "sagittal" };
    const d = { id: "y", modality: "MR", sequence: "T2", view: "sagittal" };
    expect([c, d].sort(compareSeries).map((x) => x.id)).toEqual(["y", "z"]);
  });
});

describe("compareImages", () => {
  it("orders by instance number, then slice location, then id", () => {
    const imgs = [
      { id: "c", instanceNumber: 2, sliceLocation: null },
      { id: "b", instanceNumber: 1, sliceLocation: 5 },
      { id: "e", instanceNumber: null, sliceLocation: -3 },
      { id: "d", instanceNumber: null, sliceLocation: -10 },
      { id: "a", instanceNumber: 10, sliceLocation: null },
      { id: "f", instanceNumber: null, sliceLocation: null },
    ];
    expect(imgs.sort(compareImages).map((x) => x.id)).toEqual(["b", "c", "a", "d", "e", "f"]);
  });
});
