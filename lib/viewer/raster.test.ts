import { describe, expect, it } from "vitest";
import { toGray } from "./raster";

describe("toGray", () => {
  it("keeps grey pixels exact and reports the value range", () => {
    const rgba = new Uint8ClampedArray([0, 0, 0, 255, 128, 128, 128, 255, 250, 250, 250, 255]);
    expect(toGray(rgba)).toEqual({ pixels: new Uint8Array([0, 128, 250]), min: 0, max: 250 });
  });

  it("turns colour into Rec. 601 luma and ignores alpha", () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 0, 0, 255, 0, 10, 0, 0, 255, 255]);
    const { pixels, min, max } = toGray(rgba);
    expect([...pixels]).toEqual([76, 150, 29]);
    expect([min, max]).toEqual([29, 150]);
  });
});
