import { describe, expect, it } from "vitest";
import { areaAverage, fitWithin } from "./resize";

describe("fitWithin", () => {
  it("keeps the aspect and never enlarges", () => {
    expect(fitWithin(3000, 2400, 1024)).toEqual({ width: 1024, height: 819 });
    expect(fitWithin(256, 1024, 256)).toEqual({ width: 64, height: 256 });
    expect(fitWithin(64, 64, 1024)).toEqual({ width: 64, height: 64 });
    expect(fitWithin(64, 64, null)).toEqual({ width: 64, height: 64 });
    expect(fitWithin(4000, 1, 100)).toEqual({ width: 100, height: 1 });
  });
});

describe("areaAverage", () => {
  it("averages whole blocks exactly", () => {
    const data = Uint8Array.from([0, 100, 10, 20, 200, 50, 30, 40, 1, 2, 3, 4, 5, 6, 7, 8]);
    const out = areaAverage({ width: 4, height: 4, channels: 1, data }, 2, 2);
    expect([...out.data]).toEqual([Math.round((0 + 100 + 200 + 50) / 4), Math.round((10 + 20 + 30 + 40) / 4), Math.round((1 + 2 + 5 + 6) / 4), Math.round((3 + 4 + 7 + 8) / 4)]);
  });

  it("weights the pixels a fractional edge covers (3 → 2: each output takes one whole and half of the middle)", () => {
    const out = areaAverage({ width: 3, height: 1, channels: 1, data: Uint8Array.from([0, 90, 180]) }, 2, 1);
    expect([...out.data]).toEqual([30, 150]); // (0 + 0.5·90) / 1.5 and (0.5·90 + 180) / 1.5
  });

  it("averages each colour channel on its own", () => {
    const out = areaAverage({ width: 2, height: 1, channels: 3, data: Uint8Array.from([255, 0, 10, 55, 100, 30]) }, 1, 1);
    expect([...out.data]).toEqual([155, 50, 20]);
  });

  it("keeps a flat picture flat and returns the source when nothing shrinks", () => {
    const flat = { width: 7, height: 5, channels: 1 as const, data: new Uint8Array(35).fill(77) };
    expect(new Set(areaAverage(flat, 3, 2).data)).toEqual(new Set([77]));
    expect(areaAverage(flat, 7, 5)).toBe(flat);
  });
});
